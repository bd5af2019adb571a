#include "engine/search/facet/facet_distribution.h"

#include <gtest/gtest.h>

#include "engine/indexing/facet/facet_value.h"
#include "engine/search/facet/facet_test_util.h"

namespace myriad::facet {
namespace {

using testing::FacetIndex;

std::string Show(const Result<std::vector<FacetCount>>& r) {
  if (!r.ok()) return r.status().ToString();
  std::string out;
  for (const FacetCount& c : *r) out += c.value + "=" + std::to_string(c.count) + " ";
  return out;
}

class FacetDistributionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Put({
        {0, R"({"genre":"Action","n":9})"},
        {1, R"({"genre":"action","n":10})"},
        {2, R"({"genre":["Drama","Action"],"n":[1.5,9]})"},
        {3, R"({"genre":"Comedy","n":-3,"b":true})"},
        {4, R"({"genre":"drama","b":false})"},
        {5, R"({"other":1})"},
    });
    genre_ = *index_.FindFid("genre");
    n_ = *index_.FindFid("n");
  }
  Result<std::vector<FacetCount>> Dist(uint16_t fid, const Roaring& c, size_t max = 100,
                                       bool by_count = false) {
    auto txn = index_.Read();
    return FacetDistribution(txn, index_.dbs(), fid, c, max, by_count);
  }
  FacetIndex index_;
  uint16_t genre_ = 0, n_ = 0;
};

TEST_F(FacetDistributionTest, AlphabeticalWithOriginalSpelling) {
  EXPECT_EQ(Show(Dist(genre_, index_.all())), "Action=3 Comedy=1 Drama=2 ");
  // Numbers: their JSON text, in text order ("10" < "9"), before strings.
  EXPECT_EQ(Show(Dist(n_, index_.all())), "-3=1 1.5=1 10=1 9=2 ");
  EXPECT_EQ(Show(Dist(*index_.FindFid("b"), index_.all())), "false=1 true=1 ");
}

TEST_F(FacetDistributionTest, CountsOnlyCandidatesAndSkipsZeros) {
  Roaring candidates;
  candidates.add(2);
  candidates.add(4);
  EXPECT_EQ(Show(Dist(genre_, candidates)), "Action=1 Drama=2 ");
  EXPECT_EQ(Show(Dist(n_, candidates)), "1.5=1 9=1 ");
  EXPECT_EQ(Show(Dist(genre_, Roaring())), "");
}

TEST_F(FacetDistributionTest, CountOrderAndMaxValues) {
  EXPECT_EQ(Show(Dist(genre_, index_.all(), 100, true)), "Action=3 Drama=2 Comedy=1 ");
  EXPECT_EQ(Show(Dist(genre_, index_.all(), 2, true)), "Action=3 Drama=2 ");
  EXPECT_EQ(Show(Dist(genre_, index_.all(), 1, false)), "Action=3 ");
  // Numbers come first and count against the same maximum.
  EXPECT_EQ(Show(Dist(n_, index_.all(), 2, true)), "9=2 10=1 ");
}

TEST_F(FacetDistributionTest, Stats) {
  auto stats = [&](const Roaring& c) -> std::string {
    auto txn = index_.Read();
    auto r = FacetStats(txn, index_.dbs(), n_, c);
    if (!r.ok()) return r.status().ToString();
    if (!*r) return "none";
    return FormatNumber((*r)->min) + ".." + FormatNumber((*r)->max);
  };
  EXPECT_EQ(stats(index_.all()), "-3..10");
  Roaring c;
  c.add(2);
  EXPECT_EQ(stats(c), "1.5..9");
  c.add(4);
  c.add(5);
  EXPECT_EQ(stats(c), "1.5..9");
  Roaring none;
  none.add(4);
  EXPECT_EQ(stats(none), "none");
}

}  // namespace
}  // namespace myriad::facet
