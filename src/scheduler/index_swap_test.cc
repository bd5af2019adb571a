#include "scheduler/index_swap.h"

#include <gtest/gtest.h>

#include <set>

namespace myriad::scheduler {
namespace {

using index_mapper::IndexSwap;

TEST(IndexSwap, DetailsRoundTripInMeilisearchsShape) {
  const std::vector<IndexSwap> swaps = {{"a", "b", false}, {"c", "d", true}};
  const boost::json::object details = SwapDetails(swaps);
  EXPECT_EQ(details.at("swaps").as_array()[1].as_object().at("indexes").as_array()[0], "c");
  EXPECT_EQ(details.at("swaps").as_array()[1].as_object().at("rename"), true);
  EXPECT_EQ(SwapsOf(details), swaps);
}

TEST(IndexSwap, AnIndexNamedTwiceIsRefusedWithMeilisearchsMessage) {
  EXPECT_FALSE(CheckSwapDuplicates({{"a", "b", false}, {"c", "d", false}}));
  auto once = CheckSwapDuplicates({{"a", "b", false}, {"b", "c", false}});
  ASSERT_TRUE(once);
  EXPECT_EQ(once->code, "invalid_swap_duplicate_index_found");
  EXPECT_EQ(once->message,
            "Indexes must be declared only once during a swap. `b` was specified several times.");
  auto twice = CheckSwapDuplicates({{"a", "b", false}, {"b", "a", false}});
  EXPECT_EQ(twice->message,
            "Indexes must be declared only once during a swap. `a`, `b` were specified several "
            "times.");
}

TEST(IndexSwap, TargetsMustExistAndARenameMustNotOverwrite) {
  const std::set<std::string> present = {"a", "b"};
  const auto exists = [&](const std::string& uid) { return present.contains(uid); };
  EXPECT_FALSE(CheckSwapTargets({{"a", "b", false}, {"b", "new", true}}, exists));
  EXPECT_EQ(CheckSwapTargets({{"a", "x", false}}, exists)->message, "Index `x` not found.");
  auto renamed_onto = CheckSwapTargets({{"a", "b", true}}, exists);
  EXPECT_EQ(renamed_onto->code, "index_already_exists");
  EXPECT_EQ(renamed_onto->message,
            "Cannot rename `a` to `b` as the index already exists. Hint: You can remove `b` first "
            "and then do your remove.");
  EXPECT_EQ(CheckSwapTargets({{"x", "b", true}}, exists)->code, "index_not_found");
}

}  // namespace
}  // namespace myriad::scheduler
