// Facet search over small hand-made indexes: matching (prefix, typos, the
// settings that turn typos off), counts over a search's candidates, order and
// limit, and the errors.
#include "engine/search/facet_search.h"

#include <gtest/gtest.h>

#include "engine/search_test_util.h"

namespace myriad::engine {
namespace {

using testing::IndexTest;
// "value=count" per hit, in order.
using V = std::vector<std::string>;

class FacetSearchTest : public IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    Settings(R"({"filterableAttributes":["genre","year","info.studio","tags"]})");
    Add(R"([
      {"id":1,"title":"space film","genre":"Science Fiction","year":1999,"info":{"studio":"Pixar"},"tags":["Kids","Funny"]},
      {"id":2,"title":"space opera","genre":"science fiction","year":2005,"info":{"studio":"Ghibli"},"tags":["kids"]},
      {"id":3,"title":"sad film","genre":"Drama","year":2010,"info":{"studio":"Pixar"},"tags":["Sad"]},
      {"id":4,"title":"sea film","genre":"Documentary","year":2010,"info":{"studio":"Aardman"},"tags":["Funny","Sea"]},
      {"id":5,"title":"war film","genre":"Drama","year":1999,"info":{"studio":"Pixar"},"tags":[]}
    ])");
  }

  Result<std::vector<facet::FacetCount>> Run(const FacetSearchRequest& request) {
    auto txn = storage::ReadTxn::Begin(*env_);
    if (!txn.ok()) return txn.status();
    return SearchFacetValues(*txn, *index_, "test", request);
  }

  V Values(const FacetSearchRequest& request) {
    auto hits = Run(request);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    V out;
    if (!hits.ok()) return out;
    for (const auto& hit : *hits) out.push_back(hit.value + "=" + std::to_string(hit.count));
    return out;
  }
  V Values(std::string facet, std::optional<std::string> query = std::nullopt) {
    FacetSearchRequest request;
    request.facet_name = std::move(facet);
    request.facet_query = std::move(query);
    return Values(request);
  }

  // The error code of a failing request.
  std::string ErrorCode(const FacetSearchRequest& request, std::string* message = nullptr) {
    auto hits = Run(request);
    if (hits.ok() || !hits.status().IsRequestError()) return "<no request error>";
    if (message != nullptr) *message = hits.status().message();
    return std::string(hits.status().error_code());
  }
};

TEST_F(FacetSearchTest, WithoutAQueryEveryValueIsCountedInOriginalSpelling) {
  // Two spellings of one normalized value: one hit, shown as first indexed.
  EXPECT_EQ(Values("genre"), (V{"Documentary=1", "Drama=2", "Science Fiction=2"}));
}

TEST_F(FacetSearchTest, QueryMatchesAPrefixOfTheNormalizedValue) {
  EXPECT_EQ(Values("genre", "SCI"), (V{"Science Fiction=2"}));
  EXPECT_EQ(Values("genre", "science f"), (V{"Science Fiction=2"}));
  EXPECT_EQ(Values("genre", "d"), (V{"Documentary=1", "Drama=2"}));
  EXPECT_EQ(Values("genre", "fiction"), V{});  // a prefix of the value, not of a word
  EXPECT_EQ(Values("genre", ""), (V{"Documentary=1", "Drama=2", "Science Fiction=2"}));
}

TEST_F(FacetSearchTest, TyposFollowTheQueryLength) {
  EXPECT_EQ(Values("genre", "dramx"), (V{"Drama=2"}));              // 5 bytes: one typo
  EXPECT_EQ(Values("genre", "dram"), (V{"Drama=2"}));               // a prefix
  EXPECT_EQ(Values("genre", "drmx"), V{});                          // 4 bytes: none
  EXPECT_EQ(Values("genre", "documantery"), (V{"Documentary=1"}));  // 11 bytes: two
  EXPECT_EQ(Values("genre", "xcience"), (V{"Science Fiction=2"}));  // first letter: one typo
  EXPECT_EQ(Values("genre", "scinece"), (V{"Science Fiction=2"}));  // a transposition
}

TEST_F(FacetSearchTest, TypoSettingsTurnTyposOff) {
  Settings(R"({"typoTolerance":{"enabled":false}})");
  EXPECT_EQ(Values("genre", "dramx"), V{});
  EXPECT_EQ(Values("genre", "dra"), (V{"Drama=2"}));
  Settings(R"({"typoTolerance":{"enabled":true,"disableOnAttributes":["genre"]}})");
  EXPECT_EQ(Values("genre", "dramx"), V{});
  Settings(R"({"typoTolerance":{"disableOnAttributes":[],"disableOnWords":["dramx","drama"]}})");
  EXPECT_EQ(Values("genre", "dramx"), V{});  // an exact word: equality only
  EXPECT_EQ(Values("genre", "drama"), (V{"Drama=2"}));
  Settings(R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":3,"twoTypos":4}}})");
  EXPECT_EQ(Values("genre", "dxx"), V{});
  EXPECT_EQ(Values("genre", "drxx"), (V{"Drama=2"}));  // 4 bytes: two typos now
}

TEST_F(FacetSearchTest, CountsAreRestrictedToTheSearchCandidates) {
  FacetSearchRequest request;
  request.facet_name = "genre";
  request.search.q = "film";
  EXPECT_EQ(Values(request), (V{"Documentary=1", "Drama=2", "Science Fiction=1"}));
  request.search.filter = "year = 1999";
  EXPECT_EQ(Values(request), (V{"Drama=1", "Science Fiction=1"}));
  request.search.q = "space opera";  // last: "space" alone is enough
  request.search.filter = nullptr;
  EXPECT_EQ(Values(request), (V{"Science Fiction=2"}));
  request.search.matching_strategy = MatchingStrategy::kAll;
  EXPECT_EQ(Values(request), (V{"Science Fiction=1"}));
  request.search.q = "sea space";  // frequency: the rarer word is the one kept
  request.search.matching_strategy = MatchingStrategy::kFrequency;
  EXPECT_EQ(Values(request), (V{"Documentary=1"}));
  request.search.q = "zzzz";
  EXPECT_EQ(Values(request), V{});
  request.search.q = std::nullopt;
  request.search.filter = "title = x";
  EXPECT_EQ(ErrorCode(request), "invalid_search_filter");
}

TEST_F(FacetSearchTest, OrderAndLimitFollowTheFacetingSettings) {
  Settings(R"({"faceting":{"maxValuesPerFacet":2}})");
  EXPECT_EQ(Values("tags"), (V{"Funny=2", "Kids=2"}));  // alphabetical: the first two
  Settings(R"({"faceting":{"sortFacetValuesBy":{"tags":"count"}}})");
  // By count, then by value, both descending.
  EXPECT_EQ(Values("tags"), (V{"Kids=2", "Funny=2"}));
  Settings(R"({"faceting":{"maxValuesPerFacet":100}})");
  EXPECT_EQ(Values("tags"), (V{"Kids=2", "Funny=2", "Sea=1", "Sad=1"}));
  EXPECT_EQ(Values("genre"), (V{"Documentary=1", "Drama=2", "Science Fiction=2"}));
}

TEST_F(FacetSearchTest, NestedFieldsArraysAndOnlyStrings) {
  EXPECT_EQ(Values("info.studio", "pix"), (V{"Pixar=3"}));
  EXPECT_EQ(Values("tags", "s"), (V{"Sad=1", "Sea=1"}));
  EXPECT_EQ(Values("year"), V{});  // numbers are not facet-searched
}

TEST_F(FacetSearchTest, FacetMustBeFacetSearchable) {
  FacetSearchRequest request;
  request.facet_name = "title";
  std::string message;
  EXPECT_EQ(ErrorCode(request, &message), "invalid_facet_search_facet_name");
  EXPECT_EQ(message,
            "Attribute `title` is not facet-searchable. Available facet-searchable attributes "
            "patterns are: `genre, info.studio, tags, year`. To make it facet-searchable add it "
            "to the `filterableAttributes` index settings.");

  Settings(R"({"filterableAttributes":[{"attributePatterns":["genre"]},
              {"attributePatterns":["t*"],"features":{"facetSearch":true}}]})");
  request.facet_name = "genre";
  EXPECT_EQ(ErrorCode(request, &message), "invalid_facet_search_facet_name");
  EXPECT_EQ(message,
            "Attribute `genre` is not facet-searchable. Note: this attribute matches rule #0 in "
            "filterableAttributes, but this rule does not enable facetSearch.\nHint: enable "
            "facetSearch in rule #0 by adding `\"facetSearch\": true` to the rule.\nHint: "
            "prepend another rule matching genre with facetSearch: true before rule #0");
  EXPECT_EQ(Values("tags", "fun"), (V{"Funny=2"}));

  Settings(R"({"filterableAttributes":[]})");
  request.facet_name = "tags";
  EXPECT_EQ(ErrorCode(request, &message), "invalid_facet_search_facet_name");
  EXPECT_EQ(message,
            "Attribute `tags` is not facet-searchable. This index does not have configured "
            "facet-searchable attributes. To make it facet-searchable add it to the "
            "`filterableAttributes` index settings.");
}

TEST_F(FacetSearchTest, FacetSearchSettingDisablesTheRoute) {
  Settings(R"({"facetSearch":false})");
  FacetSearchRequest request;
  request.facet_name = "genre";
  std::string message;
  EXPECT_EQ(ErrorCode(request, &message), "facet_search_disabled");
  EXPECT_EQ(message, "The facet search is disabled for this index");
}

TEST_F(FacetSearchTest, FilterableFieldNoDocumentHoldsHasNoValues) {
  Settings(R"({"filterableAttributes":["genre","missing"]})");
  EXPECT_EQ(Values("missing"), V{});
}

}  // namespace
}  // namespace myriad::engine
