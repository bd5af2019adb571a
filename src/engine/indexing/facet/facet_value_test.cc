#include "engine/indexing/facet/facet_value.h"

#include <gtest/gtest.h>

#include <cmath>

namespace myriad::facet {
namespace {

TEST(NormalizeFacetStringTest, TrimsLowersAndDecomposes) {
  const struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"  Action  ", "action"},
      {"\u00a0Sci-Fi\u3000", "sci-fi"},              // Unicode White_Space trimmed
      {"\u00c9COLE", "e\u0301cole"},                 // NFKD then lower case
      {"\uff21\uff22", "ab"},                        // compatibility forms fold
      {"\u03a3\u0391\u03a3", "\u03c3\u03b1\u03c2"},  // final sigma
      {"a b", "a b"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeFacetString(c.in), c.want) << c.in;
}

TEST(NormalizeFacetStringTest, KeyIsTruncatedAtACharBoundary) {
  std::string s(467, 'a');
  s += "\u0416";  // Ж lowers to ж, 2 bytes at 467..468: cut before it
  EXPECT_EQ(FacetStringKey(s), std::string(467, 'a'));
  EXPECT_EQ(FacetStringKey(std::string(466, 'a') + "\u0416"), std::string(466, 'a') + "\u0436");
  EXPECT_EQ(FacetStringKey(std::string(600, 'B')), std::string(468, 'b'));
}

TEST(ParseFiniteNumberTest, FollowsRustGrammar) {
  const struct {
    const char* in;
    std::optional<double> want;
    NumberParseError error;
  } cases[] = {
      {"12", 12, {}},
      {"-3.5", -3.5, {}},
      {"+4", 4, {}},
      {".5", 0.5, {}},
      {"5.", 5, {}},
      {"1e3", 1000, {}},
      {"1e-400", 0, {}},
      {"", std::nullopt, NumberParseError::kEmpty},
      {"abc", std::nullopt, NumberParseError::kInvalid},
      {"1e", std::nullopt, NumberParseError::kInvalid},
      {"+-1", std::nullopt, NumberParseError::kInvalid},
      {"0x10", std::nullopt, NumberParseError::kInvalid},
      {" 1", std::nullopt, NumberParseError::kInvalid},
      {"inf", std::nullopt, NumberParseError::kNotFinite},
      {"-Infinity", std::nullopt, NumberParseError::kNotFinite},
      {"NaN", std::nullopt, NumberParseError::kNotFinite},
      {"1e400", std::nullopt, NumberParseError::kNotFinite},
  };
  for (const auto& c : cases) {
    NumberParseError error = NumberParseError::kInvalid;
    const std::optional<double> got = ParseFiniteNumber(c.in, &error);
    EXPECT_EQ(got, c.want) << c.in;
    if (!c.want) {
      EXPECT_EQ(error, c.error) << c.in;
    }
  }
}

TEST(FormatNumberTest, IsRustDisplay) {
  EXPECT_EQ(FormatNumber(123), "123");
  EXPECT_EQ(FormatNumber(1.5), "1.5");
  EXPECT_EQ(FormatNumber(-0.000001), "-0.000001");
  EXPECT_EQ(FormatNumber(1e21), "1000000000000000000000");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
}

}  // namespace
}  // namespace myriad::facet
