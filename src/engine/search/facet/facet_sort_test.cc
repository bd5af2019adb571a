#include "engine/search/facet/facet_sort.h"

#include <gtest/gtest.h>

#include "engine/search/facet/facet_test_util.h"

namespace myriad::facet {
namespace {

using testing::FacetIndex;
using testing::Ids;

class FacetSortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Put({
        {0, R"({"v":"banana"})"},
        {1, R"({"v":10})"},
        {2, R"({"v":-1})"},
        {3, R"({"v":"Apple"})"},
        {4, R"({"w":1})"},
        {5, R"({"v":[20, "aardvark"]})"},
        {6, R"({"v":10})"},
        {7, R"({"v":[3, 30]})"},
    });
  }
  // Buckets as "ids|ids|...".
  std::string Buckets(bool ascending, const Roaring& candidates, int stop_after = 100) {
    auto txn = index_.Read();
    std::string out;
    int seen = 0;
    Status st = ForEachSortBucket(txn, index_.dbs(), *index_.FindFid("v"), ascending, candidates,
                                  [&](const Roaring& bucket) {
                                    if (!out.empty()) out += '|';
                                    for (uint32_t id : Ids(bucket)) {
                                      out += std::to_string(id) + ",";
                                    }
                                    return ++seen < stop_after;
                                  });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }
  FacetIndex index_;
};

TEST_F(FacetSortTest, AscendingNumbersThenStringsThenMissing) {
  // 5 sorts by its first value in order: 20 (numbers come first).
  EXPECT_EQ(Buckets(true, index_.all()), "2,|7,|1,6,|5,|3,|0,|4,");
}

TEST_F(FacetSortTest, DescendingNumbersStillFirst) {
  // 7 by 30, 5 by 20; strings descending; missing last.
  EXPECT_EQ(Buckets(false, index_.all()), "7,|5,|1,6,|2,|0,|3,|4,");
}

TEST_F(FacetSortTest, OnlyCandidatesAndStops) {
  Roaring c;
  for (uint32_t id : {0u, 3u, 4u, 6u}) c.add(id);
  EXPECT_EQ(Buckets(true, c), "6,|3,|0,|4,");
  EXPECT_EQ(Buckets(true, c, 2), "6,|3,");
  EXPECT_EQ(Buckets(true, Roaring()), "");
}

}  // namespace
}  // namespace myriad::facet
