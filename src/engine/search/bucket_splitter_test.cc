// Splitting words buckets on bitmaps changes how much is read, never the
// result: on the Debian sample, every query gives the same hits, in the same
// order and with the same scores, as measuring every document of every bucket.
#include "engine/search/bucket_splitter.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/search_test_util.h"

namespace myriad::engine {
namespace {

class BucketSplitterTest : public testing::IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    AddDebianSample();
  }

  // The hits' ids and scores, split or not.
  std::string Ranked(const std::string& q, uint64_t offset, bool split) {
    SearchRequest request;
    request.attributes_to_search_on = search_on_;
    request.q = q;
    request.offset = offset;
    request.limit = 30;
    request.show_ranking_score = true;
    request.attributes_to_retrieve = std::vector<std::string>{"id"};
    request.split_buckets_above = split ? 0 : UINT64_MAX;
    auto result = Search(request);
    EXPECT_TRUE(result.ok()) << q;
    return result.ok() ? boost::json::serialize(result->at("hits")) : "";
  }

  std::optional<std::vector<std::string>> search_on_;

  void ExpectSameRanking() {
    // Common words and short prefixes make buckets of hundreds of documents;
    // typos, several words and a phrase exercise each splitting rule.
    const std::vector<std::string> queries = {"and",
                                              "for",
                                              "lib",
                                              "pro",
                                              "the library",
                                              "python",
                                              "python libr",
                                              "librar",
                                              "developmnt files",
                                              "perl module for",
                                              "game",
                                              "data tool",
                                              "\"development files\" for",
                                              "x",
                                              "server client",
                                              "documentaton"};
    for (const std::string& q : queries) {
      for (uint64_t offset : {0, 25}) {
        EXPECT_EQ(Ranked(q, offset, true), Ranked(q, offset, false)) << q << " offset " << offset;
      }
    }
  }
};

TEST_F(BucketSplitterTest, DefaultRulesRankAsMeasuringEveryDocument) {
  Settings(R"({"searchableAttributes":["package","summary","description"]})");
  ExpectSameRanking();
}

TEST_F(BucketSplitterTest, AttributeFirstAndLegacyAttributeRule) {
  Settings(R"({"searchableAttributes":["summary","package","description"],
               "rankingRules":["attributeRank","words","typo","exactness","proximity"]})");
  ExpectSameRanking();
  Settings(R"({"rankingRules":["words","typo","attribute","proximity","exactness"]})");
  ExpectSameRanking();
}

TEST_F(BucketSplitterTest, ScopedToSomeFields) {
  Settings(R"({"searchableAttributes":["package","summary","description"],
               "typoTolerance":{"disableOnAttributes":["package"]}})");
  ExpectSameRanking();
  search_on_ = std::vector<std::string>{"description", "package"};
  ExpectSameRanking();
}

TEST_F(BucketSplitterTest, TypoBeforeWords) {
  Settings(R"({"rankingRules":["typo","words","attributeRank","proximity"]})");
  ExpectSameRanking();
}

}  // namespace
}  // namespace myriad::engine
