#include "scheduler/time_format.h"

#include <gtest/gtest.h>

namespace myriad::scheduler {
namespace {

constexpr int64_t kSec = 1'000'000'000;
// 2024-08-08T17:05:55Z
constexpr int64_t kInstant = 1723136755 * kSec;

TEST(FormatRfc3339, TrimsTrailingZerosAndDropsAZeroFraction) {
  EXPECT_EQ(FormatRfc3339(kInstant), "2024-08-08T17:05:55Z");
  EXPECT_EQ(FormatRfc3339(kInstant + 791'772'000), "2024-08-08T17:05:55.791772Z");
  EXPECT_EQ(FormatRfc3339(kInstant + 500'000'000), "2024-08-08T17:05:55.5Z");
  EXPECT_EQ(FormatRfc3339(kInstant + 1), "2024-08-08T17:05:55.000000001Z");
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatRfc3339(951782400 * kSec), "2000-02-29T00:00:00Z");
}

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

TEST(ParseTaskDate, ReadsRfc3339WithAnyOffsetAndFraction) {
  EXPECT_EQ(*ParseTaskDate("2024-08-08T17:05:55Z", DateBound::kBefore), kInstant);
  EXPECT_EQ(*ParseTaskDate("2024-08-08T17:05:55.791772Z", DateBound::kAfter),
            kInstant + 791'772'000);
  EXPECT_EQ(*ParseTaskDate("2024-08-08T19:05:55.5+02:00", DateBound::kAfter),
            kInstant + 500'000'000);
  EXPECT_EQ(*ParseTaskDate("2024-08-08T16:35:55-00:30", DateBound::kAfter), kInstant);
  EXPECT_EQ(*ParseTaskDate("2050-11-13T00:00:00.000Z", DateBound::kAfter),
            *ParseTaskDate("2050-11-13", DateBound::kBefore));
}

TEST(ParseTaskDate, ADateAloneIsItsMidnightBeforeAndTheNextAfter) {
  const int64_t midnight = 1723075200 * kSec;  // 2024-08-08T00:00:00Z
  EXPECT_EQ(*ParseTaskDate("2024-08-08", DateBound::kBefore), midnight);
  EXPECT_EQ(*ParseTaskDate("2024-08-08", DateBound::kAfter), midnight + 86'400 * kSec);
}

TEST(ParseTaskDate, RefusesMalformedAndImpossibleDates) {
  for (const char* bad : {"", "2024", "2024-8-08", "2024-02-30", "2023-02-29", "2024-13-01",
                          "2024-08-08T17:05:55", "2024-08-08T24:00:00Z", "2024-08-08T17:05Z",
                          "2024-08-08T17:05:55.Z", "2024-08-08T17:05:55.1234567891Z",
                          "2024-08-08T17:05:55Zjunk", "2024-08-08 junk", "yesterday"}) {
    auto r = ParseTaskDate(bad, DateBound::kAfter);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(ParseTaskDate, RoundTripsWhatFormatPrints) {
  for (int64_t ns : {int64_t{0}, kInstant, kInstant + 791'772'000, kInstant + 1}) {
    EXPECT_EQ(*ParseTaskDate(FormatRfc3339(ns), DateBound::kAfter), ns);
  }
}

}  // namespace
}  // namespace myriad::scheduler
