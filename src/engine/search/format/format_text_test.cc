// Highlighting and cropping of one text value, through FormatHit on {"text": value}.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/search/format/format_hit.h"
#include "engine/search/format/format_test_util.h"

namespace myriad::format {
namespace {

struct TextCase {
  const char* name;
  std::string text;
  std::vector<std::string> query;  // see testing::QueryMatcher
  bool highlight;
  std::optional<uint32_t> crop;  // cropLength when "text" is cropped
  std::string expected;
};

std::string FormatText(const TextCase& c, const FormatOptions& base = {}) {
  FormatOptions options = base;
  if (c.highlight) options.highlight = {"text"};
  if (c.crop) {
    options.crop = {"text"};
    options.crop_length = *c.crop;
  }
  boost::json::object doc;
  doc["text"] = c.text;
  const text::Tokenizer tokenizer;
  const FormattedHit hit = FormatHit(doc, options, tokenizer, testing::QueryMatcher(c.query));
  EXPECT_TRUE(hit.formatted.has_value());
  if (!hit.formatted) return "<no _formatted>";
  return std::string(hit.formatted->at("text").as_string());
}

// The query of milli's matches tests: "split the world" (the last word a prefix).
const std::vector<std::string> kSplitTheWorld = {"split", "the", "world*"};
const std::string kNatalie = "Natalie risk her future to build a world with the boy she loves.";
const std::string kNatalieEmily =
    "Natalie risk her future to build a world with the boy she loves. Emily Henry: The Love "
    "That Split The World.";
const std::string kQuickFox = "A quick brown fox can not jump 32 feet, right? Brr, it is cold!";

// Cases marked [milli] are taken from meilisearch's
// crates/milli/src/search/new/matches/mod_test.rs (test named after the colon);
// [meili] from crates/meilisearch/tests/search/formatted.rs.
const TextCase kCases[] = {
    // [milli] format_highlight
    {"HighlightEmpty", "", kSplitTheWorld, true, std::nullopt, ""},
    {"HighlightOnlySeparators", ":-)", kSplitTheWorld, true, std::nullopt, ":-)"},
    {"HighlightNoMatch", kQuickFox, kSplitTheWorld, true, std::nullopt, kQuickFox},
    {"HighlightAllMatches", kNatalieEmily, kSplitTheWorld, true, std::nullopt,
     "Natalie risk her future to build a <em>world</em> with <em>the</em> boy she loves. Emily "
     "Henry: <em>The</em> Love That <em>Split</em> <em>The</em> <em>World</em>."},
    // [milli] highlight_unicode: a prefix match highlights the query's characters only.
    {"HighlightUnicodePrefix", "Ŵôřlḑôle", {"world*"}, true, std::nullopt, "<em>Ŵôřlḑ</em>ôle"},
    {"HighlightUnicodeWhole", "Ŵôřlḑ", {"world*"}, true, std::nullopt, "<em>Ŵôřlḑ</em>"},
    {"HighlightUnicodeAccentPrefix",
     "Westfália",
     {"westfali*"},
     true,
     std::nullopt,
     "<em>Westfáli</em>a"},
    {"HighlightAsciiPrefix",
     "Le Petit Prince",
     {"prin*"},
     true,
     std::nullopt,
     "Le Petit <em>Prin</em>ce"},
    {"HighlightTypoOrExactWholeWord",
     "Le Petit Prince",
     {"prince"},
     true,
     std::nullopt,
     "Le Petit <em>Prince</em>"},
    // [milli] format_crop
    {"CropEmpty", "", kSplitTheWorld, false, 10, ""},
    {"CropOnlySeparators", ":-)", kSplitTheWorld, false, 10, ":-)"},
    {"CropNoMatchFirstWords", kQuickFox, kSplitTheWorld, false, 10,
     "A quick brown fox can not jump 32 feet, right…"},
    {"CropNoMatchLeadingSeparatorKept", "(" + kQuickFox + ")", kSplitTheWorld, false, 10,
     "(A quick brown fox can not jump 32 feet, right…"},
    {"CropSomeMatchesBothMarkers", kNatalie, kSplitTheWorld, false, 10,
     "…future to build a world with the boy she loves…"},
    {"CropPicksMostDistinctMatches", kNatalieEmily, kSplitTheWorld, false, 10,
     "…she loves. Emily Henry: The Love That Split The World."},
    {"CropOrderedMatchesWin",
     "The world split void void void void void void void void void split the world void void",
     kSplitTheWorld, false, 10, "…void void void void void split the world void void"},
    {"CropDenserMatchesWin",
     "split void the void void world void void void void void void void void void void split "
     "the world void void",
     kSplitTheWorld, false, 10, "…void void void void void split the world void void"},
    {"CropDistinctBeatsRepeated",
     "split split split split split split void void void void void void void void void void "
     "split the world void void",
     kSplitTheWorld, false, 10, "…void void void void void split the world void void"},
    // [milli] format_highlight_crop
    {"CropAndHighlightNoMatch", kQuickFox, kSplitTheWorld, true, 10,
     "A quick brown fox can not jump 32 feet, right…"},
    {"CropAndHighlightSome", kNatalie, kSplitTheWorld, true, 10,
     "…future to build a <em>world</em> with <em>the</em> boy she loves…"},
    {"CropAndHighlightAll", kNatalieEmily, kSplitTheWorld, true, 10,
     "…she loves. Emily Henry: <em>The</em> Love That <em>Split</em> <em>The</em> "
     "<em>World</em>."},
    {"CropAndHighlightOrdered",
     "The world split void void void void void void void void void split the world void void",
     kSplitTheWorld, true, 10,
     "…void void void void void <em>split</em> <em>the</em> <em>world</em> void void"},
    // [milli] smaller_crop_size: a window smaller than the query.
    {"CropTwoWords", "void void split the world void void.", kSplitTheWorld, false, 2,
     "…split the…"},
    {"CropOneWord", "void void split the world void void.", kSplitTheWorld, false, 1, "…split…"},
    {"CropZeroIsIgnored", "void void split the world void void.", kSplitTheWorld, false, 0,
     "void void split the world void void."},
    {"CropZeroStillHighlights", "void void split the world void void.", kSplitTheWorld, true, 0,
     "void void <em>split</em> <em>the</em> <em>world</em> void void."},
    // [meili] search_formatted_from_sdk: cropLength 2 with highlight.
    {"SdkCropTwoHighlight", "Le Petit Prince", {"prince*"}, true, 2, "…Petit <em>Prince</em>"},
    // Ours.
    {"CropWholeTextFitsNoMarker", "a world apart", {"world"}, false, 10, "a world apart"},
    {"CropNonAsciiWindow",
     "Un été à Paris, un été à Rome et un été à Berlin.",
     {"rome"},
     true,
     3,
     "…à <em>Rome</em> et…"},
    {"CropPrefersCrossingSoftSeparator",
     "alpha beta, gamma delta",
     {"gamma"},
     false,
     2,
     "…gamma delta"},
};

void PrintTo(const TextCase& c, std::ostream* os) { *os << c.name; }

class FormatTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(FormatTextTest, Formats) { EXPECT_EQ(FormatText(GetParam()), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Cases, FormatTextTest, ::testing::ValuesIn(kCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(FormatTextOptionsTest, CustomTagsAndMarker) {
  FormatOptions options;
  options.pre_tag = "_";
  options.post_tag = "_";
  options.crop_marker = "[…]";
  EXPECT_EQ(FormatText({"", kNatalie, kSplitTheWorld, true, 10, ""}, options),
            "[…]future to build a _world_ with _the_ boy she loves[…]");
}

TEST(FormatTextOptionsTest, EmptyMarkerAddsNothing) {
  FormatOptions options;
  options.crop_marker = "";
  EXPECT_EQ(FormatText({"", kNatalie, kSplitTheWorld, false, 10, ""}, options),
            "future to build a world with the boy she loves");
}

}  // namespace
}  // namespace myriad::format
