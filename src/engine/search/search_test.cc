// Search over small hand-made indexes: one test per ranking rule and per query
// feature, each with the order only that rule or feature explains.
#include "engine/search/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "engine/indexing/index_dbs.h"
#include "engine/search_test_util.h"
#include "storage/key_codec.h"

namespace myriad::engine {
namespace {

using testing::IndexTest;
using V = std::vector<std::string>;

class SearchTest : public IndexTest {};

TEST_F(SearchTest, PlaceholderSearchReturnsEveryDocumentInInsertionOrder) {
  Add(R"([{"id":3,"t":"c"},{"id":1,"t":"a"},{"id":2,"t":"b"}])");
  SearchRequest request;
  EXPECT_EQ(Hits(request), (V{"3", "1", "2"}));
  request.q = "";
  EXPECT_EQ(Hits(request), (V{"3", "1", "2"}));
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->at("estimatedTotalHits"), 3);
  EXPECT_EQ(result->at("query"), "");
}

TEST_F(SearchTest, WordsRuleRanksDocumentsWithMoreQueryWordsFirst) {
  // Strategy `last` drops words from the end: "quick" alone beats "fox" alone.
  Add(R"([{"id":1,"t":"fox"},{"id":2,"t":"quick"},{"id":3,"t":"quick brown fox"},
          {"id":4,"t":"nothing here"}])");
  EXPECT_EQ(Hits("quick brown fox"), (V{"3", "2"}));
  SearchRequest all;
  all.q = "quick brown fox";
  all.matching_strategy = MatchingStrategy::kAll;
  EXPECT_EQ(Hits(all), (V{"3"}));
  SearchRequest frequency;
  frequency.q = "quick fox";
  frequency.matching_strategy = MatchingStrategy::kFrequency;
  Add(R"([{"id":5,"t":"quick"}])");  // "quick" is now the more frequent word: dropped first
  EXPECT_EQ(Hits(frequency), (V{"3", "1"}));
}

TEST_F(SearchTest, TypoRuleRanksExactBeforeOneTypoBeforeTwo) {
  Add(R"([{"id":1,"t":"elephants"},{"id":2,"t":"elephanst"},{"id":3,"t":"elaphsnts"}])");
  // 9 letters: two typos allowed.
  EXPECT_EQ(Hits("elephants"), (V{"1", "2", "3"}));
  // Under 5 letters, no typo.
  Add(R"([{"id":4,"t":"cat"},{"id":5,"t":"cut"}])");
  EXPECT_EQ(Hits("cat"), (V{"4"}));
}

TEST_F(SearchTest, AFirstLetterTypoCostsTwo) {
  Add(R"([{"id":1,"t":"hello"},{"id":2,"t":"jello"}])");
  // 5 letters allow one typo; a first-letter typo needs two.
  EXPECT_EQ(Hits("hellos"), (V{"1"}));
  EXPECT_EQ(Hits("jellos"), (V{"2"}));
}

TEST_F(SearchTest, ProximityRuleRanksCloseWordsFirst) {
  Add(R"([{"id":1,"t":"big words in between and then dog"},{"id":2,"t":"big dog"},
          {"id":3,"t":"dog big"}])");
  EXPECT_EQ(Hits("big dog"), (V{"2", "3", "1"}));
}

TEST_F(SearchTest, AttributeRankFollowsSearchableAttributes) {
  Add(R"([{"id":1,"title":"other","body":"rust"},{"id":2,"title":"rust","body":"other"}])");
  // Under "*", fields rank in order of first appearance: title first.
  EXPECT_EQ(Hits("rust"), (V{"2", "1"}));
  Settings(R"({"searchableAttributes":["body","title"]})");
  EXPECT_EQ(Hits("rust"), (V{"1", "2"}));
  Settings(R"({"searchableAttributes":["title"]})");
  EXPECT_EQ(Hits("rust"), (V{"2"}));
}

TEST_F(SearchTest, AttributesToSearchOnMatchesInThoseFieldsOnly) {
  Add(R"([{"id":1,"title":"other","body":"rust language","meta":{"k":"rust"}},
          {"id":2,"title":"rust","body":"other"},{"id":3,"title":"rust belt","body":"old rust"}])");
  SearchRequest request;
  request.q = "rust";
  request.attributes_to_search_on = std::vector<std::string>{"body"};
  // Ranked by where "rust" is in `body`, as if `title` held nothing.
  EXPECT_EQ(Hits(request), (V{"1", "3"}));
  request.attributes_to_search_on.reset();
  EXPECT_EQ(Hits(request), (V{"2", "3", "1"}));
  request.q = "rust belt";  // "belt" is only in `title`: document 3 keeps "rust" alone
  request.attributes_to_search_on = std::vector<std::string>{"body", "meta"};
  EXPECT_EQ(Hits(request), (V{"1", "3"}));
  request.q = "rust";
  request.attributes_to_search_on = std::vector<std::string>{"meta"};  // meta.k counts
  EXPECT_EQ(Hits(request), (V{"1"}));
  // The phrase must lie inside a scoped field.
  request.q = "\"rust language\"";
  request.attributes_to_search_on = std::vector<std::string>{"title"};
  EXPECT_EQ(Hits(request), V{});

  Settings(R"({"searchableAttributes":["title","body"],"displayedAttributes":["id","title"]})");
  request.q = "rust";
  request.attributes_to_search_on = std::vector<std::string>{"meta"};
  auto refused = Search(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "invalid_search_attributes_to_search_on");
  EXPECT_EQ(refused.status().message(),
            "Attribute `meta` is not searchable. Available searchable attributes are: `title, "
            "<..hidden-attributes>`.");
}

TEST_F(SearchTest, DisableOnAttributesMatchesThoseFieldsExactly) {
  Settings(R"({"typoTolerance":{"disableOnAttributes":["code"]}})");
  Add(R"([{"id":1,"code":"abcdefg"},{"id":2,"name":"abcdefg"}])");
  EXPECT_EQ(Hits("abcdefg"), (V{"1", "2"}));
  EXPECT_EQ(Hits("abcdefx"), (V{"2"}));  // one typo: not in `code`
}

TEST_F(SearchTest, WordPositionRanksEarlierMatchesFirst) {
  Add(R"([{"id":1,"t":"one two three needle"},{"id":2,"t":"needle one two three"}])");
  EXPECT_EQ(Hits("needle"), (V{"2", "1"}));
}

TEST_F(SearchTest, ExactnessRanksExactWordsBeforePrefixes) {
  // Same attribute, same position: only exactness separates them.
  Add(R"([{"id":1,"t":"databases"},{"id":2,"t":"database"}])");
  EXPECT_EQ(Hits("database"), (V{"2", "1"}));
}

TEST_F(SearchTest, PrefixSearchOnTheLastWordOnly) {
  Add(R"([{"id":1,"t":"prince charming"},{"id":2,"t":"print server"}])");
  EXPECT_EQ(Hits("prin"), (V{"1", "2"}));
  // Followed by a space the word is complete: no prefix, and 4 letters allow no typo.
  EXPECT_EQ(Hits("prin "), V{});
  // Only the last word is a prefix: "prin" followed by a word matches nothing.
  EXPECT_EQ(Hits("prin char"), V{});
  EXPECT_EQ(Hits("prince char"), (V{"1"}));
}

TEST_F(SearchTest, PhrasesMatchAdjacentWordsOnly) {
  Add(R"([{"id":1,"t":"new york city"},{"id":2,"t":"york is new"},{"id":3,"t":"new and york"}])");
  EXPECT_EQ(Hits("\"new york\""), (V{"1"}));
  EXPECT_EQ(Hits("\"york new\""), V{});
  // Two words read from the adjacent pairs: never across two fields or two
  // values of an array, nor when they are far apart elsewhere in the document.
  Add(R"([{"id":4,"t":"old","u":"town"},{"id":5,"t":["old","town"]},
          {"id":6,"t":"old town","u":"town old"},{"id":7,"t":"town and old"}])");
  EXPECT_EQ(Hits("\"old town\""), (V{"6"}));
  EXPECT_EQ(Hits("\"town old\""), (V{"6"}));
}

TEST_F(SearchTest, StopWordsAreNotSearched) {
  Settings(R"({"stopWords":["the"]})");
  Add(R"([{"id":1,"t":"the cat"},{"id":2,"t":"the dog"},{"id":3,"t":"cat of the year"},
          {"id":4,"t":"cat of a year"}])");
  // Only "cat" is searched; word position puts "the cat" last.
  EXPECT_EQ(Hits("the cat"), (V{"3", "4", "1"}));
  // In a phrase a stop word keeps its place (any word may fill it, as the stop
  // word itself is not indexed), so the phrase's other words must keep their gap.
  EXPECT_EQ(Hits("\"of the year\""), (V{"3", "4"}));
  EXPECT_EQ(Hits("\"of year\""), V{});
  EXPECT_EQ(Hits("\"the cat\""), (V{"1"}));  // a word must stand before "cat"
}

TEST_F(SearchTest, CustomRankingRuleAndSortParameter) {
  Settings(R"({"sortableAttributes":["price"],
               "rankingRules":["words","typo","proximity","attributeRank","sort","wordPosition",
                               "exactness","price:desc"]})");
  Add(R"([{"id":1,"t":"lamp","price":10},{"id":2,"t":"lamp","price":30},
          {"id":3,"t":"lamp","price":20}])");
  EXPECT_EQ(Hits("lamp"), (V{"2", "3", "1"}));
  SearchRequest request;
  request.q = "lamp";
  request.sort = {"price:asc"};
  EXPECT_EQ(Hits(request), (V{"1", "3", "2"}));
  request.sort = {"color:asc"};
  auto refused = Search(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "invalid_search_sort");
}

TEST_F(SearchTest, FiltersAndFacets) {
  Settings(R"({"filterableAttributes":["genre","year"]})");
  Add(R"([{"id":1,"t":"film","genre":"Drama","year":1999},
          {"id":2,"t":"film","genre":"comedy","year":2005},
          {"id":3,"t":"film","genre":"drama","year":2010}])");
  SearchRequest request;
  request.q = "film";
  request.filter = "genre = drama AND year > 2000";
  EXPECT_EQ(Hits(request), (V{"3"}));
  request.filter = boost::json::parse(R"([["genre = comedy", "year < 2000"]])");
  EXPECT_EQ(Hits(request), (V{"1", "2"}));
  request.filter = "title = x";
  auto refused = Search(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().error_code(), "invalid_search_filter");

  request.filter = nullptr;
  request.facets = std::vector<std::string>{"genre", "year"};
  auto result = Search(request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->at("facetDistribution"), boost::json::parse(R"({"genre":{"comedy":1,"Drama":2},
                                   "year":{"1999":1,"2005":1,"2010":1}})"));
  EXPECT_EQ(result->at("facetStats"),
            boost::json::parse(R"({"year":{"min":1999.0,"max":2010.0}})"));
}

TEST_F(SearchTest, PaginationModesHaveTheirOwnFields) {
  Add(R"([{"id":1,"t":"x"},{"id":2,"t":"x"},{"id":3,"t":"x"},{"id":4,"t":"x"},{"id":5,"t":"x"}])");
  SearchRequest request;
  request.q = "x";
  request.offset = 1;
  request.limit = 2;
  EXPECT_EQ(Hits(request), (V{"2", "3"}));
  SearchRequest pages;
  pages.q = "x";
  pages.page = 2;
  pages.hits_per_page = 2;
  auto result = Search(pages);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Hits(pages), (V{"3", "4"}));
  EXPECT_EQ(result->at("totalHits"), 5);
  EXPECT_EQ(result->at("totalPages"), 3);
  EXPECT_FALSE(result->contains("estimatedTotalHits"));
  EXPECT_FALSE(result->contains("offset"));
  // A page far past the end, whatever its size, is empty (no overflow).
  pages.page = 3;
  pages.hits_per_page = uint64_t{1} << 63;
  EXPECT_EQ(Hits(pages), V{});
  result = Search(pages);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->at("totalPages"), 1);
  Settings(R"({"pagination":{"maxTotalHits":3}})");
  request.offset = 2;
  request.limit = 10;
  EXPECT_EQ(Hits(request), (V{"3"}));
}

TEST_F(SearchTest, DistinctAttributeKeepsTheBestHitPerValue) {
  Settings(R"({"distinctAttribute":"sku","filterableAttributes":["sku"]})");
  Add(R"([{"id":1,"t":"shirt red","sku":"a"},{"id":2,"t":"shirt","sku":"a"},
          {"id":3,"t":"shirt","sku":"b"}])");
  // 2 and 3 are exactly the query (exactness): 2 is sku a's best hit, 1 is left out.
  EXPECT_EQ(Hits("shirt"), (V{"2", "3"}));
}

TEST_F(SearchTest, DistinctOnANestedField) {
  Settings(R"({"distinctAttribute":"product.sku"})");
  Add(R"([{"id":1,"t":"hat","product":{"sku":"x"}},{"id":2,"t":"hat","product":{"sku":"x"}},
          {"id":3,"t":"hat","product":{"sku":"y"}},{"id":4,"t":"hat"}])");
  // Documents without the field are all kept.
  EXPECT_EQ(Hits("hat"), (V{"1", "3", "4"}));
}

TEST_F(SearchTest, HighlightAndRankingScore) {
  // Word position puts the second document first.
  Add(R"([{"id":1,"t":"prince of persia and more words"},{"id":2,"t":"Le Petit Prince"}])");
  SearchRequest request;
  request.q = "prince";
  request.format.highlight = {"t"};
  request.show_ranking_score = true;
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  const auto& hits = result->at("hits").as_array();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[1].at("_formatted").at("t"), "Le Petit <em>Prince</em>");
  const double first = hits[0].at("_rankingScore").as_double();
  const double second = hits[1].at("_rankingScore").as_double();
  EXPECT_GT(first, 0.0);
  EXPECT_LE(first, 1.0);
  EXPECT_GE(first, second);
}

// Whole documents are copied into the answer as stored, without a parse: the
// hits must be those a request that parses them (attributesToRetrieve ["*"])
// shows, byte for byte.
TEST_F(SearchTest, WholeDocumentsAreAnsweredAsStored) {
  Add(R"([{"id":1,"t":"word one","s":"quote \" backslash \\ nul \u0000 é 🦀","n":-0.0,
           "d":[0.1,1e300,18446744073709551615,-9223372036854775808],"o":{"a":null,"b":[true,{}]}},
          {"id":"two","t":"word two","nested":{"deep":{"deeper":[1,[2,[3]]]}}}])");
  AddDebianSample();
  const auto hits_text = [](const std::string& body) {
    return body.substr(0, body.find("],\"query\":"));
  };
  for (const char* q : {"word", "library", "python", ""}) {
    SearchRequest whole;
    whole.q = q;
    whole.limit = 50;
    SearchRequest parsed = whole;
    parsed.attributes_to_retrieve = std::vector<std::string>{"*"};
    auto a = SearchText(whole);
    auto b = SearchText(parsed);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(hits_text(*a), hits_text(*b)) << q;
    EXPECT_GE(boost::json::parse(*a).at("hits").as_array().size(), 2u) << q;
  }
}

TEST_F(SearchTest, RankingScoreThresholdLeavesLowScoresOutOfTotalsAndFacets) {
  Settings(R"({"filterableAttributes":["tag"]})");
  Add(R"([{"id":1,"t":"red fox","tag":"a"},{"id":2,"t":"red cat","tag":"b"},
          {"id":3,"t":"blue fox","tag":"c"},{"id":4,"t":"red fox jumps","tag":"a"}])");
  SearchRequest request;
  request.q = "red fox";
  request.limit = 1;
  request.show_ranking_score = true;
  request.facets = std::vector<std::string>{"tag"};
  auto all = Search(request);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->at("estimatedTotalHits"), 3);  // "blue fox": "fox" alone never matches
  // Between the scores of the documents holding both words and the others.
  request.ranking_score_threshold = all->at("hits").at(0).at("_rankingScore").as_double() - 0.01;
  auto kept = Search(request);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->at("estimatedTotalHits"), 2);
  EXPECT_EQ(kept->at("facetDistribution").at("tag"), (boost::json::object{{"a", 2}}));
  request.limit = 20;
  EXPECT_EQ(Hits(request), (V{"1", "4"}));
}

TEST_F(SearchTest, AMultiWordSynonymMatchesItsWordsInARow) {
  Settings(R"({"synonyms":{"nyc":["new york"]}})");
  Add(R"([{"id":1,"t":"a new york loft"},{"id":2,"t":"york is new"},{"id":3,"t":"nyc"},
          {"id":4,"t":"new cars"}])");
  EXPECT_EQ(Hits("nyc"), (V{"3", "1"}));
}

TEST_F(SearchTest, AThresholdWithAFilterReturnsOnlyHitsScoringAtLeastIt) {
  Settings(R"({"filterableAttributes":["tag"],"searchableAttributes":["t"]})");
  Add(R"([{"id":1,"t":"red fox","tag":"a"},{"id":2,"t":"red","tag":"a"},
          {"id":3,"t":"red fox jumps","tag":"a"},{"id":4,"t":"red fox","tag":"b"}])");
  SearchRequest request;
  request.q = "red fox";
  request.filter = "tag = a";
  request.ranking_score_threshold = 1.0;
  request.show_ranking_score = true;
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  // Only 1 is the query exactly: 3 matches its start, 2 misses a word.
  EXPECT_EQ(Hits(request), (V{"1"}));
  EXPECT_EQ(result->at("hits").at(0).at("_rankingScore").as_double(), 1.0);
  EXPECT_EQ(result->at("estimatedTotalHits"), 1);
}

TEST_F(SearchTest, RankingScoreDetailsAreShapedAsMeilisearchShapesThem) {
  Settings(
      R"({"sortableAttributes":["n"],"rankingRules":["words","typo","proximity","attribute","sort","exactness"]})");
  Add(R"([{"id":1,"t":"quick brown fox","n":3},{"id":2,"t":"quick fox","n":1}])");
  SearchRequest request;
  request.q = "quick fox";
  request.sort = {"n:asc"};
  request.show_ranking_score_details = true;
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  const boost::json::object& first = result->at("hits").at(0).as_object();
  EXPECT_EQ(first.at("id"), 2);  // adjacent words: proximity
  const boost::json::object& details = first.at("_rankingScoreDetails").as_object();
  EXPECT_EQ(details.at("words"),
            (boost::json::object{
                {"order", 0}, {"matchingWords", 2}, {"maxMatchingWords", 2}, {"score", 1.0}}));
  EXPECT_EQ(details.at("typo").at("order"), 1);
  EXPECT_EQ(details.at("typo").at("typoCount"), 0);
  EXPECT_EQ(details.at("proximity").at("score"), 1.0);
  EXPECT_EQ(details.at("attribute").at("order"), 3);
  EXPECT_TRUE(details.at("attribute").as_object().contains("queryWordDistanceScore"));
  EXPECT_EQ(details.at("n:asc"), (boost::json::object{{"order", 4}, {"value", 1}}));
  EXPECT_EQ(details.at("exactness").at("order"), 5);
  EXPECT_EQ(details.at("exactness").at("matchType"), "exactMatch");
  const boost::json::object& second = result->at("hits").at(1).as_object();
  EXPECT_LT(second.at("_rankingScoreDetails").at("proximity").at("score").as_double(), 1.0);
}

TEST_F(SearchTest, PerformanceDetailsTimeEachStep) {
  Add(R"([{"id":1,"t":"quick fox"}])");
  SearchRequest request;
  request.q = "fox";
  request.show_performance_details = true;
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  const boost::json::object& details = result->at("performanceDetails").as_object();
  EXPECT_TRUE(details.contains("search"));
  EXPECT_TRUE(details.contains("search > bucket sort"));
  EXPECT_FALSE(Search(SearchRequest{})->contains("performanceDetails"));
}

// A short last word is ranked from the prefix databases (its completions at
// once); an index without them (version 3) ranks it word by word: the same hits
// in the same order, with the same scores.
TEST_F(SearchTest, ShortPrefixesRankTheSameFromThePrefixDatabases) {
  Settings(R"({"searchableAttributes":["title","body"]})");
  Add(R"([{"id":1,"title":"cart","body":"a cat"},{"id":2,"title":"car","body":"x"},
          {"id":3,"title":"the cat sat","body":"car cart"},{"id":4,"title":"dog","body":"ca"},
          {"id":5,"title":"cab cap","body":"the end of the cable"},{"id":6,"title":"x y z c"}])");
  const std::vector<std::string> queries = {"c", "ca", "car", "the ca", "dog c"};
  auto ranked = [&](const std::string& q) {
    SearchRequest request;
    request.q = q;
    request.show_ranking_score_details = true;
    auto result = Search(request);
    EXPECT_TRUE(result.ok());
    return result.ok() ? boost::json::serialize(result->at("hits")) : std::string();
  };
  std::vector<std::string> from_prefixes;
  for (const std::string& q : queries) from_prefixes.push_back(ranked(q));
  Write([&](storage::WriteTxn& txn) {
    return txn.Put(index_->dbs().main, sdbs::kMainSearchVersion, storage::EncodeU32BE(3));
  });
  for (size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(ranked(queries[i]), from_prefixes[i]) << queries[i];
  EXPECT_NE(from_prefixes[1].find("\"id\":2"), std::string::npos);
}

TEST_F(SearchTest, ProximityByAttributeOnlyAsksForTheSameField) {
  Settings(R"({"searchableAttributes":["a","b"]})");
  Add(R"([{"id":1,"a":"big words in between and then dog"},{"id":2,"a":"big","b":"dog"},
          {"id":3,"a":"big dog"},{"id":4,"a":"dog and then big words"}])");
  // By word: 4's pair is 4 apart (reversed), 1's 6; 2's words share no field.
  EXPECT_EQ(Hits("big dog"), (V{"3", "4", "1", "2"}));
  // By attribute: 1, 3 and 4 hold both words in one field; wordPosition
  // ties 1 and 4, and exactness puts 3 first.
  Settings(R"({"proximityPrecision":"byAttribute"})");
  EXPECT_EQ(Hits("big dog"), (V{"3", "1", "4", "2"}));
}

TEST_F(SearchTest, ASearchCutoffOfZeroStillAnswersWithTheRulesSkipped) {
  Settings(R"({"searchCutoffMs":0})");
  Add(R"([{"id":1,"t":"fox fox"},{"id":2,"t":"the fox"}])");
  SearchRequest request;
  request.q = "fox";
  request.show_ranking_score_details = true;
  auto result = Search(request);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->at("hits").as_array().size(), 2u);
  EXPECT_TRUE(result->at("hits").at(0).at("_rankingScoreDetails").as_object().contains("skipped"));
  Settings(R"({"searchCutoffMs":null})");
  result = Search(request);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->at("hits").at(0).at("_rankingScoreDetails").as_object().contains("skipped"));
}

TEST_F(SearchTest, UpdatesAndDeletionsAreSearchedAtOnce) {
  Add(R"([{"id":1,"t":"apple"},{"id":2,"t":"banana"}])");
  Add(R"([{"id":1,"t":"cherry"}])");
  EXPECT_EQ(Hits("apple"), V{});
  EXPECT_EQ(Hits("cherry"), (V{"1"}));
  Add(R"([{"id":2,"extra":"kiwi"}])", /*replace=*/false);
  EXPECT_EQ(Hits("banana"), (V{"2"}));
  EXPECT_EQ(Hits("kiwi"), (V{"2"}));
  Delete({"2"});
  EXPECT_EQ(Hits("banana"), V{});
  SearchRequest all;
  EXPECT_EQ(Hits(all), (V{"1"}));
}

// The typo walk reads a cached word list only for the snapshot it was read
// at: a word written after it must be derived at once.
TEST_F(SearchTest, TheCachedWordListFollowsEveryWrite) {
  WordListCache cache(/*max_bytes=*/1 << 20, /*build_after=*/1);
  word_lists_ = &cache;
  Add(R"([{"id":1,"t":"orange"}])");
  EXPECT_EQ(Hits("oranges"), (V{"1"}));  // one typo, found in the list
  EXPECT_GT(cache.bytes(), 0u);
  Add(R"([{"id":2,"t":"lemons"}])");
  EXPECT_EQ(Hits("lemmons"), (V{"2"}));
  Delete({"1"});
  EXPECT_EQ(Hits("oranges"), V{});
  Add(R"([{"id":3,"t":"oranger"}])");
  EXPECT_EQ(Hits("oranges"), (V{"3"}));
}

// The list's derivation cache tells a word searched as a prefix (the last
// word) from the same word searched whole.
TEST_F(SearchTest, TheCachedDerivationsOfAPrefixAreNotAWordsOwn) {
  WordListCache cache(/*max_bytes=*/1 << 20, /*build_after=*/1);
  word_lists_ = &cache;
  Add(R"([{"id":1,"t":"orange juice"},{"id":2,"t":"ora juice"}])");
  for (int round = 0; round < 2; ++round) {  // the second from the cache
    EXPECT_EQ(Hits("ora"), (V{"2", "1"}));
    EXPECT_EQ(Hits("ora juice"), (V{"2"}));
    EXPECT_EQ(Hits("juice ora"), (V{"2", "1"}));
  }
}

TEST_F(SearchTest, ALargePartIsMeasuredOnItsLastWordsToo) {
  // 600 documents of one part (every rule value alike) and two added last:
  // their words have the greatest ids, and only they are close to "alpha".
  // The forward indexes of a large part are read up to each document's last
  // query word: these must still be.
  std::vector<boost::json::object> docs;
  for (int i = 0; i < 600; ++i) {
    docs.push_back({{"id", i}, {"t", "alpha one two three four five six seven eight nine beta"}});
  }
  Add(std::move(docs));
  Add(R"([{"id":1000,"t":"alpha zzz betamaxi"},{"id":1001,"t":"alpha betamax"}])");
  const std::vector<std::string> hits = Hits("alpha beta");
  ASSERT_EQ(hits.size(), 20u);
  EXPECT_EQ(hits[0], "1001");  // proximity 1
  EXPECT_EQ(hits[1], "1000");  // proximity 2
  EXPECT_EQ(hits[2], "0");
}

TEST_F(SearchTest, APageEndsWhereTheRankingDoes) {
  // Proximity decides: 20 documents with the words side by side (one in 30),
  // the others 2 to 7 apart. The 20th best has the greatest id of them; the
  // 21st, a smaller id than most of them, must not displace it.
  std::vector<boost::json::object> docs;
  std::vector<std::pair<int, int>> expected;  // (proximity, id)
  for (int i = 0; i < 600; ++i) {
    const int gap = i % 30 == 0 ? 0 : 1 + i % 6;
    std::string text = "alpha";
    for (int g = 0; g < gap; ++g) text += " filler";
    docs.push_back({{"id", i}, {"t", text + " beta"}});
    expected.emplace_back(gap, i);
  }
  Add(std::move(docs));
  std::sort(expected.begin(), expected.end());
  SearchRequest request;
  request.q = "alpha beta";
  for (uint64_t offset : {0, 10, 20, 580}) {
    request.offset = offset;
    request.limit = 20;
    V want;
    for (uint64_t k = offset; k < std::min<uint64_t>(offset + 20, expected.size()); ++k) {
      want.push_back(std::to_string(expected[k].second));
    }
    EXPECT_EQ(Hits(request), want) << "offset " << offset;
  }
}

TEST_F(SearchTest, MeasuringStopsOnlyWhenNoLaterDocumentCanRankHigher) {
  // One word, one field: word position, then id, decide. A document stops
  // the measuring of its part only at the best values possible (position 0),
  // so the best document, added last, is still found...
  std::vector<boost::json::object> docs;
  for (int i = 0; i < 200; ++i) docs.push_back({{"id", i}, {"t", "filler alpha"}});
  Add(std::move(docs));
  Add(R"([{"id":1000,"t":"alpha"}])");
  std::vector<std::string> hits = Hits("alpha");
  ASSERT_EQ(hits.size(), 20u);
  EXPECT_EQ(hits[0], "1000");
  EXPECT_EQ(hits[1], "0");
  // ... as with two words, where the lowest proximity is 1 (and, `t` being
  // the only searchable field, the lowest attribute rank is reached too).
  Settings(R"({"searchableAttributes":["t"]})");
  std::vector<boost::json::object> pairs;
  for (int i = 0; i < 200; ++i) pairs.push_back({{"id", 2000 + i}, {"t", "gamma x delta"}});
  Add(std::move(pairs));
  Add(R"([{"id":3000,"t":"gamma delta"}])");
  hits = Hits("gamma delta");
  ASSERT_EQ(hits.size(), 20u);
  EXPECT_EQ(hits[0], "3000");
  EXPECT_EQ(hits[1], "2000");
}

TEST_F(SearchTest, PagesOfDocumentsWithTheBestValuesFollowIdOrder) {
  // 50 of 200 documents have the word first; one more, added last, too. Each
  // page of those is the next ids, the one added last coming after the 50.
  std::vector<boost::json::object> docs;
  V expected;
  for (int i = 0; i < 200; ++i) {
    docs.push_back({{"id", i}, {"t", i % 4 == 0 ? "alpha end" : "filler alpha"}});
    if (i % 4 == 0) expected.push_back(std::to_string(i));
  }
  Add(std::move(docs));
  Add(R"([{"id":1000,"t":"alpha end"}])");
  expected.push_back("1000");
  for (int i = 0; i < 200; ++i) {
    if (i % 4 != 0) expected.push_back(std::to_string(i));
  }
  SearchRequest request;
  request.q = "alpha";
  for (uint64_t offset : {0, 20, 40, 50, 180}) {
    request.offset = offset;
    request.limit = 20;
    const V want(expected.begin() + static_cast<std::ptrdiff_t>(offset),
                 expected.begin() +
                     static_cast<std::ptrdiff_t>(std::min<uint64_t>(offset + 20, expected.size())));
    EXPECT_EQ(Hits(request), want) << "offset " << offset;
  }
}

}  // namespace
}  // namespace myriad::engine
