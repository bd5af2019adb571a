#include "http/rfc3339.h"

#include <gtest/gtest.h>

namespace myriad::http {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

TEST(Rfc3339, WholeSecondsHaveNoFraction) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  // 2050-11-13T00:00:00Z, keys.test's expiresAt.
  EXPECT_EQ(FormatRfc3339(2551910400 * kSecond), "2050-11-13T00:00:00Z");
}

TEST(Rfc3339, TrailingZerosAreTrimmed) {
  const int64_t t = 1723136755 * kSecond;  // 2024-08-08T17:05:55Z
  EXPECT_EQ(FormatRfc3339(t + 791772000), "2024-08-08T17:05:55.791772Z");
  EXPECT_EQ(FormatRfc3339(t + 500000000), "2024-08-08T17:05:55.5Z");
  EXPECT_EQ(FormatRfc3339(t + 1), "2024-08-08T17:05:55.000000001Z");
}

TEST(Rfc3339, BeforeTheEpoch) {
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatRfc3339(-86400 * kSecond), "1969-12-31T00:00:00Z");
}

TEST(Rfc3339, LeapDay) { EXPECT_EQ(FormatRfc3339(951782400 * kSecond), "2000-02-29T00:00:00Z"); }

}  // namespace
}  // namespace myriad::http
