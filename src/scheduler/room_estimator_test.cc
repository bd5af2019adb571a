#include "scheduler/room_estimator.h"

#include <gtest/gtest.h>

namespace myriad::scheduler {
namespace {

TEST(RoomEstimator, UnknownIndexGetsTheInitialRatio) {
  RoomEstimator e;
  EXPECT_EQ(e.Ratio("a"), RoomEstimator::kInitialRatio);
  EXPECT_EQ(e.Estimate("a", 1000),
            static_cast<uint64_t>(1000 * RoomEstimator::kInitialRatio * RoomEstimator::kSafety) +
                RoomEstimator::kFixedBytes);
}

TEST(RoomEstimator, LearnsPerIndexJumpsUpAndDecaysSlowly) {
  RoomEstimator e;
  e.Observe("a", 1 << 20, 2 << 20);  // first observation: ratio 2
  EXPECT_DOUBLE_EQ(e.Ratio("a"), 2.0);
  EXPECT_EQ(e.Ratio("b"), RoomEstimator::kInitialRatio);
  e.Observe("a", 1 << 20, 5 << 20);  // needed more: jump to 5 at once
  EXPECT_DOUBLE_EQ(e.Ratio("a"), 5.0);
  e.Observe("a", 1 << 20, 0);  // reused free pages: decay, not collapse
  EXPECT_GT(e.Ratio("a"), 4.0);
  EXPECT_LT(e.Ratio("a"), 5.0);
  // Every prediction covers what the last large task needed.
  EXPECT_GE(e.Estimate("a", 1 << 20), 4u << 20);
}

TEST(RoomEstimator, TinyTasksTeachNothingAndForgetResets) {
  RoomEstimator e;
  e.Observe("a", 100, 1 << 20);
  EXPECT_EQ(e.Ratio("a"), RoomEstimator::kInitialRatio);
  e.Observe("a", 1 << 20, 1 << 20);
  EXPECT_DOUBLE_EQ(e.Ratio("a"), 1.0);
  e.Forget("a");
  EXPECT_EQ(e.Ratio("a"), RoomEstimator::kInitialRatio);
}

}  // namespace
}  // namespace myriad::scheduler
