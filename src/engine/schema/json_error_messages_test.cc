#include "engine/schema/json_error_messages.h"

#include <gtest/gtest.h>

#include <array>
#include <boost/json/parse.hpp>

namespace myriad::settings {
namespace {

TEST(SerdeJsonTextTest, PrintsValuesAsSerdeJson) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"1.0", "1.0"},
      {"1.5", "1.5"},
      {"-0.25", "-0.25"},
      {"1e20", "1e20"},
      {"1e-7", "1e-7"},
      {"123456.75", "123456.75"},
      {"0.001", "0.001"},
      {"1.5e300", "1.5e300"},
      {R"("a\"b\n")", R"("a\"b\n")"},
      {R"({"b":1,"a":[true,null]})", R"({"b":1,"a":[true,null]})"},
      {"18446744073709551615", "18446744073709551615"},
      {"-3", "-3"},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(SerdeJsonText(boost::json::parse(in)), out) << in;
  }
}

TEST(DidYouMeanTest, SuggestsWithinDeserrThresholds) {
  constexpr std::array<std::string_view, 3> accepted = {"filter", "sort", "attributesToHighlight"};
  EXPECT_EQ(DidYouMean("filler", accepted), "did you mean `filter`? ");
  EXPECT_EQ(DidYouMean("sart", accepted), "did you mean `sort`? ");
  EXPECT_EQ(DidYouMean("attributes_to_highlight", accepted),
            "did you mean `attributesToHighlight`? ");
  EXPECT_EQ(DidYouMean("a", accepted), "");
  EXPECT_EQ(DidYouMean("query", accepted), "");
}

}  // namespace
}  // namespace myriad::settings
