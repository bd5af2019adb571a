#include "engine/schema/parse_settings.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "engine/schema/sub_routes.h"

namespace myriad::settings {
namespace {

namespace json = boost::json;

SettingsError PatchError(std::string_view body) {
  auto r = ParseSettingsPatch(json::parse(body));
  EXPECT_TRUE(std::holds_alternative<SettingsError>(r)) << body;
  return std::holds_alternative<SettingsError>(r) ? std::get<SettingsError>(r) : SettingsError{};
}

SettingsPatch PatchOk(std::string_view body) {
  auto r = ParseSettingsPatch(json::parse(body));
  if (auto* e = std::get_if<SettingsError>(&r)) ADD_FAILURE() << body << ": " << e->message;
  return std::holds_alternative<SettingsPatch>(r) ? std::get<SettingsPatch>(r) : SettingsPatch{};
}

struct ErrorCase {
  std::string_view body;
  std::string_view code;
  std::string_view message;
};

class PatchErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(PatchErrorTest, CodeAndMessageMatchMeilisearch) {
  const ErrorCase& c = GetParam();
  SettingsError e = PatchError(c.body);
  EXPECT_EQ(e.code, c.code) << c.body;
  EXPECT_EQ(e.message, c.message) << c.body;
}

const ErrorCase kPatchErrors[] = {
    {R"("doggo")", "bad_request",
     "Invalid value type: expected an object, but found a string: `\"doggo\"`"},
    {R"({"displayedAttributes":"doggo"})", "invalid_settings_displayed_attributes",
     "Invalid value type at `.displayedAttributes`: expected an array, but found a string: "
     "`\"doggo\"`"},
    {R"({"searchableAttributes":"doggo"})", "invalid_settings_searchable_attributes",
     "Invalid value type at `.searchableAttributes`: expected an array, but found a string: "
     "`\"doggo\"`"},
    {R"({"filterableAttributes":"doggo"})", "invalid_settings_filterable_attributes",
     "Invalid value type at `.filterableAttributes`: expected an array, but found a string: "
     "`\"doggo\"`"},
    {R"({"filterableAttributes":[{"features":{}}]})", "invalid_settings_filterable_attributes",
     "Missing field `attributePatterns` inside `.filterableAttributes[0]`"},
    {R"({"filterableAttributes":[{"attributePatterns":["a"],"features":{"filter":{"equal":true}}}]})",
     "invalid_settings_filterable_attributes",
     "Unknown field `equal` inside `.filterableAttributes[0].features.filter`: expected one of "
     "`equality`, `comparison`"},
    {R"({"sortableAttributes":"doggo"})", "invalid_settings_sortable_attributes",
     "Invalid value type at `.sortableAttributes`: expected an array, but found a string: "
     "`\"doggo\"`"},
    {R"({"rankingRules":"doggo"})", "invalid_settings_ranking_rules",
     "Invalid value type at `.rankingRules`: expected an array, but found a string: "
     "`\"doggo\"`"},
    {R"({"rankingRules":["manyTheFish"]})", "invalid_settings_ranking_rules",
     "Invalid value at `.rankingRules[0]`: `manyTheFish` ranking rule is invalid. Valid ranking "
     "rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules."},
    {R"({"rankingRules":["words", 3]})", "invalid_settings_ranking_rules",
     "Invalid value type at `.rankingRules[1]`: expected a string, but found a positive integer: "
     "`3`"},
    {R"({"rankingRules":["typo","attribute","wordPosition","exactness"]})",
     "invalid_settings_ranking_rules",
     "Mixed usage of the attribute, attributeRank, and wordPosition ranking rules. You must "
     "either use the attribute ranking rule alone or the attributeRank and wordPosition ranking "
     "rules."},
    {R"({"stopWords":"doggo"})", "invalid_settings_stop_words",
     "Invalid value type at `.stopWords`: expected an array, but found a string: `\"doggo\"`"},
    {R"({"nonSeparatorTokens":[1.5]})", "invalid_settings_non_separator_tokens",
     "Invalid value type at `.nonSeparatorTokens[0]`: expected a string, but found a number: "
     "`1.5`"},
    {R"({"separatorTokens":{}})", "invalid_settings_separator_tokens",
     "Invalid value type at `.separatorTokens`: expected an array, but found an object: `{}`"},
    {R"({"dictionary":true})", "invalid_settings_dictionary",
     "Invalid value type at `.dictionary`: expected an array, but found a boolean: `true`"},
    {R"({"synonyms":"doggo"})", "invalid_settings_synonyms",
     "Invalid value type at `.synonyms`: expected an object, but found a string: `\"doggo\"`"},
    {R"({"synonyms":{"puppy":"dog"}})", "invalid_settings_synonyms",
     "Invalid value type at `.synonyms.puppy`: expected an array, but found a string: "
     "`\"dog\"`"},
    {R"({"distinctAttribute":["doggo"]})", "invalid_settings_distinct_attribute",
     "Invalid value type at `.distinctAttribute`: expected a string, but found an array: "
     "`[\"doggo\"]`"},
    {R"({"proximityPrecision":"byWords"})", "invalid_settings_proximity_precision",
     "Unknown value `byWords` at `.proximityPrecision`: did you mean `byWord`? expected one of "
     "`byWord`, `byAttribute`"},
    {R"({"typoTolerance":"doggo"})", "invalid_settings_typo_tolerance",
     "Invalid value type at `.typoTolerance`: expected an object, but found a string: "
     "`\"doggo\"`"},
    {R"({"typoTolerance":{"minWordSizeForTypos":"doggo"}})", "invalid_settings_typo_tolerance",
     "Invalid value type at `.typoTolerance.minWordSizeForTypos`: expected an object, but found "
     "a string: `\"doggo\"`"},
    {R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":9,"twoTypos":5}}})",
     "invalid_settings_typo_tolerance",
     "Invalid value at `.typoTolerance.minWordSizeForTypos`: `minWordSizeForTypos` setting is "
     "invalid. `oneTypo` and `twoTypos` fields should be between `0` and `255`, and `twoTypos` "
     "should be greater or equals to `oneTypo` but found `oneTypo: 9` and twoTypos: 5`."},
    {R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":256}}})",
     "invalid_settings_typo_tolerance",
     "Invalid value at `.typoTolerance.minWordSizeForTypos.oneTypo`: value: `256` is too large "
     "to be deserialized, maximum value authorized is `255`"},
    {R"({"typoTolerance":{"enabled":"yes"}})", "invalid_settings_typo_tolerance",
     "Invalid value type at `.typoTolerance.enabled`: expected a boolean, but found a string: "
     "`\"yes\"`"},
    {R"({"faceting":"doggo"})", "invalid_settings_faceting",
     "Invalid value type at `.faceting`: expected an object, but found a string: `\"doggo\"`"},
    {R"({"faceting":{"maxValuesPerFacet":-1}})", "invalid_settings_faceting",
     "Invalid value type at `.faceting.maxValuesPerFacet`: expected a positive integer, but "
     "found a negative integer: `-1`"},
    {R"({"faceting":{"sortFacetValuesBy":{"genre":"size"}}})", "invalid_settings_faceting",
     "Unknown value `size` at `.faceting.sortFacetValuesBy.genre`: expected one of `alpha`, "
     "`count`"},
    {R"({"pagination":"doggo"})", "invalid_settings_pagination",
     "Invalid value type at `.pagination`: expected an object, but found a string: `\"doggo\"`"},
    {R"({"pagination":{"maxTotalHits":"doggo"}})", "invalid_settings_pagination",
     "Invalid value type at `.pagination.maxTotalHits`: expected a positive integer, but found a "
     "string: `\"doggo\"`"},
    {R"({"pagination":{"maxTotalHits":0}})", "invalid_settings_pagination",
     "Invalid value at `.pagination.maxTotalHits`: a non-zero integer value lower than "
     "`18446744073709551615` was expected, but found a zero"},
    {R"({"embedders":[]})", "invalid_settings_embedders",
     "Invalid value type at `.embedders`: expected an object, but found an array: `[]`"},
    {R"({"embedders":{"default":1}})", "invalid_settings_embedders",
     "Invalid value type at `.embedders.default`: expected an object, but found a positive "
     "integer: `1`"},
    {R"({"searchCutoffMs":"doggo"})", "invalid_settings_search_cutoff_ms",
     "Invalid value type at `.searchCutoffMs`: expected a positive integer, but found a string: "
     "`\"doggo\"`"},
    {R"({"localizedAttributes":[{"attributePatterns":["*_ja"]}]})",
     "invalid_settings_localized_attributes",
     "Missing field `locales` inside `.localizedAttributes[0]`"},
    {R"({"facetSearch":"true"})", "invalid_settings_facet_search",
     "Invalid value type at `.facetSearch`: expected a boolean, but found a string: `\"true\"`"},
    {R"({"prefixSearch":"always"})", "invalid_settings_prefix_search",
     "Unknown value `always` at `.prefixSearch`: expected one of `indexingTime`, `disabled`"},
    {R"({"rankingRule":["words"]})", "bad_request",
     "Unknown field `rankingRule`: did you mean `rankingRules`? expected one of "
     "`displayedAttributes`, `searchableAttributes`, `filterableAttributes`, "
     "`sortableAttributes`, `rankingRules`, `stopWords`, `nonSeparatorTokens`, "
     "`separatorTokens`, `dictionary`, `synonyms`, `distinctAttribute`, `proximityPrecision`, "
     "`typoTolerance`, `faceting`, `pagination`, `embedders`, `searchCutoffMs`, "
     "`localizedAttributes`, `facetSearch`, `prefixSearch`"},
    // The first offending key in body order is reported.
    {R"({"stopWords":1,"foo":2})", "invalid_settings_stop_words",
     "Invalid value type at `.stopWords`: expected an array, but found a positive integer: `1`"},
};

INSTANTIATE_TEST_SUITE_P(AllKeys, PatchErrorTest, ::testing::ValuesIn(kPatchErrors));

TEST(ParseSettingsPatchTest, LocaleErrorListsEveryAcceptedSpelling) {
  SettingsError e =
      PatchError(R"({"localizedAttributes":[{"attributePatterns":["*"],"locales":["japan"]}]})");
  EXPECT_EQ(e.code, "invalid_settings_localized_attributes");
  EXPECT_TRUE(
      e.message.starts_with("Unknown value `japan` at `.localizedAttributes[0].locales[0]`: "
                            "expected one of `af`, `ak`, `am`,"))
      << e.message;
  EXPECT_TRUE(e.message.ends_with("`zho`, `zul`, `cmn`")) << e.message;
}

TEST(ParseSettingsPatchTest, NullResetsAndAbsentKeysStayNotSet) {
  SettingsPatch p = PatchOk(R"({"rankingRules":null,"typoTolerance":{"enabled":null}})");
  EXPECT_TRUE(p.ranking_rules.is_reset());
  ASSERT_TRUE(p.typo_tolerance.is_set());
  EXPECT_TRUE(p.typo_tolerance.value.enabled.is_reset());
  EXPECT_TRUE(p.typo_tolerance.value.disable_on_words.is_not_set());
  EXPECT_TRUE(p.stop_words.is_not_set());
  EXPECT_TRUE(p.displayed_attributes.is_not_set());
}

TEST(ParseSettingsPatchTest, EmptyObjectIsAnEmptyPatch) {
  EXPECT_EQ(PatchOk("{}"), SettingsPatch{});
}

TEST(ParseSettingsPatchTest, RankingRulesParseBuiltinsAndCustomRules) {
  SettingsPatch p = PatchOk(
      R"({"rankingRules":["words","typo","proximity","attributeRank","sort","wordPosition",
          "exactness","title:asc","release.date:desc","a:b:asc"]})");
  ASSERT_TRUE(p.ranking_rules.is_set());
  const auto& r = p.ranking_rules.value;
  ASSERT_EQ(r.size(), 10u);
  EXPECT_EQ(r[7], (RankingRule{RankingRule::Kind::kAsc, "title"}));
  EXPECT_EQ(r[8], (RankingRule{RankingRule::Kind::kDesc, "release.date"}));
  EXPECT_EQ(r[9], (RankingRule{RankingRule::Kind::kAsc, "a:b"}));  // split at the last colon
  EXPECT_EQ(RankingRuleText(r[8]), "release.date:desc");
}

TEST(RankingRuleTest, InvalidAndReservedRules) {
  struct Case {
    std::string_view text, message;
  };
  const Case cases[] = {
      {"title:up",
       "`title:up` ranking rule is invalid. Valid ranking rules are words, typo, sort, "
       "proximity, attribute, exactness and custom ranking rules."},
      {"Words",
       "`Words` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, "
       "attribute, exactness and custom ranking rules."},
      {"_geo:asc", "`_geo` is a reserved keyword and thus can't be used as a ranking rule"},
      {"_geoPoint(1,2):asc",
       "`_geoPoint` is a reserved keyword and thus can't be used as a ranking rule. `_geoPoint` "
       "can only be used for sorting at search time"},
      {"_geoRadius(1,2,3):desc",
       "`_geoRadius` is a reserved keyword and thus can't be used as a ranking rule. `_geoRadius` "
       "can only be used for filtering at search time"},
  };
  for (const Case& c : cases) {
    auto r = ParseRankingRule(c.text);
    ASSERT_TRUE(std::holds_alternative<std::string>(r)) << c.text;
    EXPECT_EQ(std::get<std::string>(r), c.message);
  }
}

TEST(ParseSettingsPatchTest, FilterableRulesAcceptStringsAndPatternObjects) {
  SettingsPatch p = PatchOk(
      R"({"filterableAttributes":["genre",{"attributePatterns":["price_*"],
          "features":{"facetSearch":true,"filter":{"comparison":true}}}]})");
  ASSERT_TRUE(p.filterable_attributes.is_set());
  const auto& rules = p.filterable_attributes.value;
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_FALSE(rules[0].is_pattern);
  EXPECT_EQ(rules[0].field, "genre");
  EXPECT_TRUE(rules[1].is_pattern);
  EXPECT_EQ(rules[1].attribute_patterns, std::vector<std::string>{"price_*"});
  EXPECT_TRUE(rules[1].facet_search);
  EXPECT_TRUE(rules[1].filter_equality);  // default kept
  EXPECT_TRUE(rules[1].filter_comparison);
}

// One valid body per sub-route, and what it sets.
struct RouteCase {
  std::string_view route;
  std::string_view body;
};

TEST(ParseSubRouteTest, EveryRouteParsesItsValueAndNull) {
  const RouteCase cases[] = {
      {"displayed-attributes", R"(["a"])"},
      {"searchable-attributes", R"(["a"])"},
      {"filterable-attributes", R"(["a"])"},
      {"sortable-attributes", R"(["a"])"},
      {"ranking-rules", R"(["words","a:asc"])"},
      {"stop-words", R"(["the"])"},
      {"non-separator-tokens", R"(["@"])"},
      {"separator-tokens", R"(["|"])"},
      {"dictionary", R"(["J. R. R."])"},
      {"synonyms", R"({"a":["b"]})"},
      {"distinct-attribute", R"("sku")"},
      {"proximity-precision", R"("byAttribute")"},
      {"typo-tolerance", R"({"enabled":false})"},
      {"faceting", R"({"maxValuesPerFacet":3})"},
      {"pagination", R"({"maxTotalHits":5})"},
      {"embedders", R"({"default":{"source":"userProvided","dimensions":3}})"},
      {"search-cutoff-ms", "150"},
      {"localized-attributes", R"([{"attributePatterns":["*_ja"],"locales":["ja"]}])"},
      {"facet-search", "false"},
      {"prefix-search", R"("disabled")"},
  };
  ASSERT_EQ(std::size(cases), SubRoutes().size());
  for (const RouteCase& c : cases) {
    const SubRoute* route = FindSubRoute(c.route);
    ASSERT_NE(route, nullptr) << c.route;
    // The value alone is the same as PATCH /settings with {key: value}.
    auto sub = ParseSubRoute(c.route, json::parse(c.body));
    ASSERT_TRUE(std::holds_alternative<SettingsPatch>(sub)) << c.route;
    std::string whole = "{\"" + std::string(route->key) + "\":" + std::string(c.body) + "}";
    EXPECT_EQ(std::get<SettingsPatch>(sub), PatchOk(whole)) << c.route;
    EXPECT_NE(std::get<SettingsPatch>(sub), SettingsPatch{}) << c.route;
    // Null and DELETE both reset that key only.
    auto null_body = ParseSubRoute(c.route, json::value(nullptr));
    ASSERT_TRUE(std::holds_alternative<SettingsPatch>(null_body)) << c.route;
    EXPECT_EQ(std::get<SettingsPatch>(null_body), ResetSubRoutePatch(c.route)) << c.route;
    EXPECT_EQ(std::get<SettingsPatch>(null_body),
              PatchOk("{\"" + std::string(route->key) + "\":null}"))
        << c.route;
  }
}

TEST(ParseSubRouteTest, VerbsMatchMeilisearch) {
  for (std::string_view patch_route : {"typo-tolerance", "faceting", "pagination", "embedders"}) {
    EXPECT_EQ(FindSubRoute(patch_route)->verb, UpdateVerb::kPatch) << patch_route;
  }
  int puts = 0;
  for (const SubRoute& r : SubRoutes()) puts += r.verb == UpdateVerb::kPut;
  EXPECT_EQ(puts, 16);
  EXPECT_EQ(FindSubRoute("unknown"), nullptr);
}

TEST(ParseSubRouteTest, ErrorsHaveNoRootLocationAndTheKeyCode) {
  const ErrorCase cases[] = {
      {"ranking-rules", "invalid_settings_ranking_rules",
       "Invalid value type: expected an array, but found a string: `\"doggo\"`"},
      {"typo-tolerance", "invalid_settings_typo_tolerance",
       "Invalid value type: expected an object, but found a string: `\"doggo\"`"},
      {"search-cutoff-ms", "invalid_settings_search_cutoff_ms",
       "Invalid value type: expected a positive integer, but found a string: `\"doggo\"`"},
  };
  for (const ErrorCase& c : cases) {
    auto r = ParseSubRoute(c.body, json::value("doggo"));
    ASSERT_TRUE(std::holds_alternative<SettingsError>(r)) << c.body;
    EXPECT_EQ(std::get<SettingsError>(r).code, c.code);
    EXPECT_EQ(std::get<SettingsError>(r).message, c.message);
  }
  auto nested = ParseSubRoute("typo-tolerance",
                              json::parse(R"({"typoTolerance":{"minWordSizeForTypos":"doggo"}})"));
  ASSERT_TRUE(std::holds_alternative<SettingsError>(nested));
  EXPECT_EQ(std::get<SettingsError>(nested).message,
            "Unknown field `typoTolerance`: expected one of `enabled`, `minWordSizeForTypos`, "
            "`disableOnWords`, `disableOnAttributes`, `disableOnNumbers`");
  auto zero = ParseSubRoute("pagination", json::parse(R"({"maxTotalHits":0})"));
  ASSERT_TRUE(std::holds_alternative<SettingsError>(zero));
  EXPECT_EQ(std::get<SettingsError>(zero).message,
            "Invalid value at `.maxTotalHits`: a non-zero integer value lower than "
            "`18446744073709551615` was expected, but found a zero");
}

}  // namespace
}  // namespace myriad::settings
