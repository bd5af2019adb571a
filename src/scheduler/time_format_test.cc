#include "scheduler/time_format.h"

#include <gtest/gtest.h>

namespace myriad::scheduler {
namespace {

constexpr int64_t kSec = 1'000'000'000;
TEST(FormatIsoDuration, UsesThreeSixOrNineFractionDigits) {
  EXPECT_EQ(FormatIsoDuration(0), "PT0S");
  EXPECT_EQ(FormatIsoDuration(kSec), "PT1S");
  EXPECT_EQ(FormatIsoDuration(1'500'000'000), "PT1.500S");
  EXPECT_EQ(FormatIsoDuration(12'345'000), "PT0.012345S");
  EXPECT_EQ(FormatIsoDuration(1'000'000'001), "PT1.000000001S");
  EXPECT_EQ(FormatIsoDuration(86'400 * kSec), "P1D");
  EXPECT_EQ(FormatIsoDuration(2 * 86'400 * kSec + 61 * kSec + 10'000'000), "P2DT61.010S");
  EXPECT_EQ(FormatIsoDuration(-1), std::nullopt);
}

}  // namespace
}  // namespace myriad::scheduler
