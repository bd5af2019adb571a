// FormatHit over whole documents: which attributes `_formatted` holds, value kinds,
// nesting, and `_matchesPosition`.
#include "engine/search/format/format_hit.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/search/format/format_test_util.h"
#include "engine/search/format/select_paths.h"

namespace myriad::format {
namespace {

struct HitCase {
  const char* name;
  const char* displayed;  // JSON object
  std::vector<std::string> query;
  std::vector<std::string> retrieve;
  std::vector<std::string> highlight;
  std::vector<std::string> crop;
  uint32_t crop_length;
  bool matches_position;
  const char* formatted;         // JSON, or nullptr when `_formatted` is absent
  const char* matches_expected;  // JSON, or nullptr when `_matchesPosition` is absent
};

// meilisearch's NESTED_DOCUMENTS[0] (crates/meilisearch/tests/common/mod.rs), displayed.
constexpr const char* kNested =
    R"({"id":852,"father":"jean","mother":"michelle",)"
    R"("doggos":[{"name":"bobby","age":2},{"name":"buddy","age":4}],"cattos":"pésti"})";

// Cases marked [meili] are taken from meilisearch's crates/meilisearch/tests/search/
// formatted.rs (test named after the colon); the rest are ours.
const HitCase kCases[] = {
    {"NothingRequested",
     R"({"id":1,"title":"Le Petit Prince"})",
     {"prince"},
     {"*"},
     {},
     {},
     10,
     false,
     nullptr,
     nullptr},
    {"HighlightOneAttributeOthersCopied",
     R"({"id":456,"title":"Le Petit Prince","genre":null})",
     {"prince"},
     {"*"},
     {"title"},
     {},
     10,
     false,
     R"({"id":"456","title":"Le Petit <em>Prince</em>","genre":null})",
     nullptr},
    {"WildcardHighlightsNumbersBoolsKept",
     R"({"id":456,"ok":true,"no":false,"n":null})",
     {"456"},
     {"*"},
     {"*"},
     {},
     10,
     false,
     R"({"id":"<em>456</em>","ok":true,"no":false,"n":null})",
     nullptr},
    {"NumbersAsSerdeJsonPrintsThem",
     R"({"a":-7,"b":1.5,"c":2.0,"d":1e20,"e":0.0001,"f":18446744073709551615})",
     {"x"},
     {"*"},
     {"*"},
     {},
     10,
     false,
     R"({"a":"-7","b":"1.5","c":"2.0","d":"1e20","e":"0.0001","f":"18446744073709551615"})",
     nullptr},
    {"ArraysAndNestedObjectsElementWise",
     R"({"tags":["red prince",3,["prince"]],"author":{"name":"Prince Rogers","born":1958}})",
     {"prince"},
     {"*"},
     {"tags", "author"},
     {},
     10,
     false,
     R"({"tags":["red <em>prince</em>","3",["<em>prince</em>"]],)"
     R"("author":{"name":"<em>Prince</em> Rogers","born":"1958"}})",
     nullptr},
    {"PerAttributeCropLength",
     R"({"title":"one two three four five six","overview":"one two three four five six"})",
     {"four"},
     {"*"},
     {},
     {"title:3", "overview"},
     4,
     false,
     R"({"title":"…three four five…","overview":"…two three four five…"})",
     nullptr},
    {"BadCropLengthFallsBackToCropLength",
     R"({"title":"one two three four five six"})",
     {"zzz"},
     {"*"},
     {},
     {"title:abc"},
     2,
     false,
     R"({"title":"one two…"})",
     nullptr},
    {"LaterCropEntryWins",
     R"({"title":"one two three four five six"})",
     {"zzz"},
     {"*"},
     {},
     {"*", "title:1"},
     3,
     false,
     R"({"title":"one…"})",
     nullptr},
    {"CropAndHighlightSameAttribute",
     R"({"title":"one two three four five six"})",
     {"four"},
     {"*"},
     {"title"},
     {"title:2"},
     10,
     false,
     R"({"title":"…three <em>four</em>…"})",
     nullptr},
    {"HighlightedButNotRetrievedStillFormatted",
     R"({"id":1,"title":"Prince","body":"x"})",
     {"prince"},
     {"id"},
     {"title"},
     {},
     10,
     false,
     R"({"id":"1","title":"<em>Prince</em>"})",
     nullptr},
    // _matchesPosition: byte offsets ("é" and "ê" count 2 bytes each).
    {"MatchesPositionNonAscii",
     R"({"text":"Le café est prêt, café!"})",
     {"cafe"},
     {"*"},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"text":[{"start":3,"length":5},{"start":20,"length":5}]})"},
    {"MatchesPositionPrefixLength",
     R"({"title":"Le Petit Prince"})",
     {"prin*"},
     {"*"},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"title":[{"start":9,"length":4}]})"},
    {"MatchesPositionArrayIndices",
     R"({"genre":["romance","adventure"],"n":[[1,[2,"adventure"]]]})",
     {"adventure"},
     {"*"},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"genre":[{"start":0,"length":9,"indices":[1]}],)"
     R"("n":[{"start":0,"length":9,"indices":[0,1,1]}]})"},
    // meilisearch inserts per array element into a map: the last element with matches wins.
    {"MatchesPositionArrayLastElementWins",
     R"({"genre":["adventure","kids adventure","x"]})",
     {"adventure"},
     {"*"},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"genre":[{"start":5,"length":9,"indices":[1]}]})"},
    {"MatchesPositionEmptyWhenNoMatch",
     R"({"title":"nothing here"})",
     {"prince"},
     {"*"},
     {},
     {},
     10,
     true,
     nullptr,
     "{}"},
    {"MatchesPositionKeysSortedAndNotRetrievedCount",
     R"({"z":"prince","a":{"b":"prince"}})",
     {"prince"},
     {},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"a.b":[{"start":0,"length":6}],"z":[{"start":0,"length":6}]})"},
    // [meili] formatted_contain_wildcard (displayedAttributes ["id","cattos"]).
    {"MeiliFormattedContainWildcard",
     R"({"id":852,"cattos":"pésti"})",
     {"pésti"},
     {"father", "mother"},
     {"father", "mother", "*"},
     {"doggos"},
     10,
     true,
     R"({"id":"852","cattos":"<em>pésti</em>"})",
     R"({"cattos":[{"start":0,"length":6}]})"},
    {"MeiliFormattedWildcardCropOnly",
     R"({"id":852,"cattos":"pésti"})",
     {"pésti"},
     {"*"},
     {},
     {"*"},
     10,
     false,
     R"({"id":"852","cattos":"pésti"})",
     nullptr},
    // [meili] format_nested
    {"MeiliNestedHighlightNotRetrievedPath",
     kNested,
     {"pésti"},
     {"doggos.name"},
     {"doggos.age"},
     {},
     10,
     false,
     R"({"doggos":[{"name":"bobby","age":"2"},{"name":"buddy","age":"4"}]})",
     nullptr},
    {"MeiliNestedHighlightOnly",
     kNested,
     {"pésti"},
     {},
     {"doggos.name"},
     {},
     10,
     false,
     R"({"doggos":[{"name":"bobby"},{"name":"buddy"}]})",
     nullptr},
    {"MeiliNestedHighlightAndCrop",
     kNested,
     {"pésti"},
     {},
     {"doggos.age"},
     {"doggos.name"},
     10,
     false,
     R"({"doggos":[{"name":"bobby","age":"2"},{"name":"buddy","age":"4"}]})",
     nullptr},
    {"MeiliNestedMatchesPosition",
     kNested,
     {"bobby"},
     {"doggos.name"},
     {},
     {},
     10,
     true,
     nullptr,
     R"({"doggos.name":[{"start":0,"length":5,"indices":[0]}]})"},
    // [meili] displayedattr_2_smol (displayedAttributes ["id"]).
    {"MeiliDisplayedIdOnlyHighlightId",
     R"({"id":852})",
     {},
     {"cattos"},
     {"id"},
     {},
     10,
     false,
     R"({"id":"852"})",
     nullptr},
};

void PrintTo(const HitCase& c, std::ostream* os) { *os << c.name; }

class FormatHitTest : public ::testing::TestWithParam<HitCase> {};

TEST_P(FormatHitTest, Formats) {
  const HitCase& c = GetParam();
  FormatOptions options;
  options.retrieve = c.retrieve;
  options.highlight = c.highlight;
  options.crop = c.crop;
  options.crop_length = c.crop_length;
  options.matches_position = c.matches_position;
  const text::Tokenizer tokenizer;
  const FormattedHit hit = FormatHit(boost::json::parse(c.displayed).as_object(), options,
                                     tokenizer, testing::QueryMatcher(c.query));
  if (c.formatted == nullptr) {
    EXPECT_FALSE(hit.formatted.has_value()) << boost::json::serialize(*hit.formatted);
  } else {
    ASSERT_TRUE(hit.formatted.has_value());
    EXPECT_EQ(boost::json::serialize(*hit.formatted),
              boost::json::serialize(boost::json::parse(c.formatted)));
  }
  if (c.matches_expected == nullptr) {
    EXPECT_FALSE(hit.matches_position.has_value());
  } else {
    ASSERT_TRUE(hit.matches_position.has_value());
    EXPECT_EQ(boost::json::serialize(*hit.matches_position),
              boost::json::serialize(boost::json::parse(c.matches_expected)));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FormatHitTest, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// permissive-json-pointer's select_values doc example.
TEST(SelectPathsTest, KeepsNamedPathsInDocumentOrder) {
  const std::vector<std::string> selectors = {"name", "race.name"};
  boost::json::object doc =
      boost::json::parse(R"({"name":"peanut","age":8,"race":{"name":"bernese mountain",)"
                         R"("avg_age":12,"size":"80cm"}})")
          .as_object();
  EXPECT_EQ(boost::json::serialize(SelectPaths(std::move(doc), selectors)),
            R"({"name":"peanut","race":{"name":"bernese mountain"}})");
}

TEST(SelectPathsTest, SubPathThroughArrayDropsScalarsAndEmptyObjects) {
  const std::vector<std::string> selectors = {"a.b"};
  boost::json::object doc =
      boost::json::parse(R"({"a":[{"b":1,"c":2},{"c":3},4,[{"b":5}]],"d":1})").as_object();
  EXPECT_EQ(boost::json::serialize(SelectPaths(std::move(doc), selectors)),
            R"({"a":[{"b":1},[{"b":5}]]})");
}

}  // namespace
}  // namespace myriad::format
