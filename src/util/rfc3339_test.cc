#include "util/rfc3339.h"

#include <gtest/gtest.h>

namespace myriad {
namespace {

constexpr int64_t kSec = 1'000'000'000;
// 2024-08-08T17:05:55Z
constexpr int64_t kInstant = 1723136755 * kSec;

TEST(Rfc3339, WholeSecondsHaveNoFraction) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(kInstant), "2024-08-08T17:05:55Z");
  // 2050-11-13T00:00:00Z, keys.test's expiresAt.
  EXPECT_EQ(FormatRfc3339(2551910400 * kSec), "2050-11-13T00:00:00Z");
}

TEST(Rfc3339, TrailingZerosAreTrimmed) {
  EXPECT_EQ(FormatRfc3339(kInstant + 791'772'000), "2024-08-08T17:05:55.791772Z");
  EXPECT_EQ(FormatRfc3339(kInstant + 500'000'000), "2024-08-08T17:05:55.5Z");
  EXPECT_EQ(FormatRfc3339(kInstant + 1), "2024-08-08T17:05:55.000000001Z");
}

TEST(Rfc3339, BeforeTheEpoch) {
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatRfc3339(-86400 * kSec), "1969-12-31T00:00:00Z");
}

TEST(Rfc3339, LeapDay) { EXPECT_EQ(FormatRfc3339(951782400 * kSec), "2000-02-29T00:00:00Z"); }

TEST(ParseRfc3339, ReadsRfc3339WithAnyOffsetAndFraction) {
  EXPECT_EQ(*ParseRfc3339("2024-08-08T17:05:55Z", LoneDate::kItsMidnight), kInstant);
  EXPECT_EQ(*ParseRfc3339("2024-08-08T17:05:55.791772Z", LoneDate::kNextMidnight),
            kInstant + 791'772'000);
  EXPECT_EQ(*ParseRfc3339("2024-08-08T19:05:55.5+02:00", LoneDate::kNextMidnight),
            kInstant + 500'000'000);
  EXPECT_EQ(*ParseRfc3339("2024-08-08T16:35:55-00:30", LoneDate::kNextMidnight), kInstant);
  EXPECT_EQ(*ParseRfc3339("2050-11-13T00:00:00.000Z", LoneDate::kNextMidnight),
            *ParseRfc3339("2050-11-13", LoneDate::kItsMidnight));
}

TEST(ParseRfc3339, ALoneDateIsItsMidnightOrTheNext) {
  const int64_t midnight = 1723075200 * kSec;  // 2024-08-08T00:00:00Z
  EXPECT_EQ(*ParseRfc3339("2024-08-08", LoneDate::kItsMidnight), midnight);
  EXPECT_EQ(*ParseRfc3339("2024-08-08", LoneDate::kNextMidnight), midnight + 86'400 * kSec);
}

TEST(ParseRfc3339, RefusesMalformedAndImpossibleDates) {
  for (const char* bad : {"", "2024", "2024-8-08", "2024-02-30", "2023-02-29", "2024-13-01",
                          "2024-08-08T17:05:55", "2024-08-08T24:00:00Z", "2024-08-08T17:05Z",
                          "2024-08-08T17:05:55.Z", "2024-08-08T17:05:55.1234567891Z",
                          "2024-08-08T17:05:55Zjunk", "2024-08-08 junk", "yesterday"}) {
    auto r = ParseRfc3339(bad, LoneDate::kNextMidnight);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(ParseRfc3339, RoundTripsWhatFormatPrints) {
  for (int64_t ns : {int64_t{0}, kInstant, kInstant + 791'772'000, kInstant + 1}) {
    EXPECT_EQ(*ParseRfc3339(FormatRfc3339(ns), LoneDate::kNextMidnight), ns);
  }
}

}  // namespace
}  // namespace myriad
