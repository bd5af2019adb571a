#include "engine/schema/settings_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/schema/apply_settings.h"
#include "engine/schema/parse_settings.h"

namespace myriad::settings {
namespace {

namespace json = boost::json;

IndexSettings Applied(std::string_view patch_body, IndexSettings base = {}) {
  auto patch = ParseSettingsPatch(json::parse(patch_body));
  EXPECT_TRUE(std::holds_alternative<SettingsPatch>(patch)) << patch_body;
  auto r = Apply(base, std::get<SettingsPatch>(patch));
  EXPECT_TRUE(std::holds_alternative<IndexSettings>(r)) << patch_body;
  return std::get<IndexSettings>(r);
}

// meilisearch-api-contract.md §2.7, with rankingRules spelled out.
constexpr std::string_view kContractDefaults = R"({"dictionary":[],"displayedAttributes":["*"],
  "distinctAttribute":null,"embedders":{},"facetSearch":true,
  "faceting":{"maxValuesPerFacet":100,"sortFacetValuesBy":{"*":"alpha"}},"filterableAttributes":[],
  "localizedAttributes":null,"nonSeparatorTokens":[],"pagination":{"maxTotalHits":1000},
  "prefixSearch":"indexingTime","proximityPrecision":"byWord",
  "rankingRules":["words","typo","proximity","attributeRank","sort","wordPosition","exactness"],
  "searchCutoffMs":null,"searchableAttributes":["*"],"separatorTokens":[],"sortableAttributes":[],
  "stopWords":[],"synonyms":{},
  "typoTolerance":{"enabled":true,"minWordSizeForTypos":{"oneTypo":5,"twoTypos":9},
  "disableOnWords":[],"disableOnAttributes":[],"disableOnNumbers":false}})";

TEST(SettingsJsonTest, DefaultsEqualTheContractSnapshot) {
  EXPECT_EQ(json::value(ToJson(IndexSettings{})), json::parse(kContractDefaults));
}

TEST(SettingsJsonTest, KeysComeInMeilisearchOrder) {
  const std::vector<std::string_view> expected = {"displayedAttributes",  "searchableAttributes",
                                                  "filterableAttributes", "sortableAttributes",
                                                  "rankingRules",         "stopWords",
                                                  "nonSeparatorTokens",   "separatorTokens",
                                                  "dictionary",           "synonyms",
                                                  "distinctAttribute",    "proximityPrecision",
                                                  "typoTolerance",        "faceting",
                                                  "pagination",           "embedders",
                                                  "searchCutoffMs",       "localizedAttributes",
                                                  "facetSearch",          "prefixSearch"};
  std::vector<std::string_view> keys;
  json::object o = ToJson(IndexSettings{});
  for (const auto& m : o) keys.push_back(m.key());
  EXPECT_EQ(keys, expected);
  std::vector<std::string_view> typo_keys;
  for (const auto& m : o["typoTolerance"].as_object()) typo_keys.push_back(m.key());
  EXPECT_EQ(typo_keys,
            (std::vector<std::string_view>{"enabled", "minWordSizeForTypos", "disableOnWords",
                                           "disableOnAttributes", "disableOnNumbers"}));
}

TEST(SettingsJsonTest, SetsAndMapsSortedListsInInputOrder) {
  IndexSettings s = Applied(R"({
    "searchableAttributes":["title","overview","genre"],
    "displayedAttributes":["z","a"],
    "filterableAttributes":["z","a"],
    "rankingRules":["exactness","words"],
    "sortableAttributes":["z","a","m"],
    "stopWords":["the","a","of"],
    "synonyms":{"z":["y","x"],"a":["b"]},
    "dictionary":["z","a"],
    "separatorTokens":["|","&"],
    "nonSeparatorTokens":["@","#"],
    "typoTolerance":{"disableOnWords":["z","a"],"disableOnAttributes":["z","a"]}})");
  json::object o = ToJson(s);
  EXPECT_EQ(o["searchableAttributes"], json::parse(R"(["title","overview","genre"])"));
  EXPECT_EQ(o["displayedAttributes"], json::parse(R"(["z","a"])"));
  EXPECT_EQ(o["filterableAttributes"], json::parse(R"(["z","a"])"));
  EXPECT_EQ(o["rankingRules"], json::parse(R"(["exactness","words"])"));
  EXPECT_EQ(o["sortableAttributes"], json::parse(R"(["a","m","z"])"));
  EXPECT_EQ(o["stopWords"], json::parse(R"(["a","of","the"])"));
  EXPECT_EQ(o["dictionary"], json::parse(R"(["a","z"])"));
  EXPECT_EQ(o["separatorTokens"], json::parse(R"(["&","|"])"));
  EXPECT_EQ(o["nonSeparatorTokens"], json::parse(R"(["#","@"])"));
  EXPECT_EQ(json::serialize(o["synonyms"]), R"({"a":["b"],"z":["y","x"]})");
  EXPECT_EQ(o["typoTolerance"].at("disableOnWords"), json::parse(R"(["a","z"])"));
  EXPECT_EQ(o["typoTolerance"].at("disableOnAttributes"), json::parse(R"(["a","z"])"));
}

TEST(SettingsJsonTest, PatternRulesAndLocalesRoundTripInStoredForm) {
  IndexSettings s = Applied(R"({
    "filterableAttributes":[{"attributePatterns":["price_*"]}],
    "localizedAttributes":[{"attributePatterns":["*_ja"],"locales":["ja","cmn"]}]})");
  json::object o = ToJson(s);
  EXPECT_EQ(o["filterableAttributes"],
            json::parse(R"([{"attributePatterns":["price_*"],"features":{"facetSearch":false,
                           "filter":{"equality":true,"comparison":false}}}])"));
  EXPECT_EQ(o["localizedAttributes"],
            json::parse(R"([{"attributePatterns":["*_ja"],"locales":["jpn","cmn"]}])"));
}

TEST(SettingsJsonTest, SerializeDeserializeRoundTrips) {
  IndexSettings s = Applied(R"({
    "displayedAttributes":["title","title","id"],"searchableAttributes":["title"],
    "filterableAttributes":["genre",{"attributePatterns":["p_*"],"features":{"facetSearch":true}}],
    "sortableAttributes":["price"],"rankingRules":["words","price:desc"],"stopWords":["the"],
    "nonSeparatorTokens":["@"],"separatorTokens":["|"],"dictionary":["C++"],
    "synonyms":{"tv":["television"]},"distinctAttribute":"sku",
    "proximityPrecision":"byAttribute",
    "typoTolerance":{"enabled":false,"minWordSizeForTypos":{"oneTypo":3,"twoTypos":7},
      "disableOnWords":["xyz"],"disableOnAttributes":["code"],"disableOnNumbers":true},
    "faceting":{"maxValuesPerFacet":7,"sortFacetValuesBy":{"genre":"count"}},
    "pagination":{"maxTotalHits":50},
    "embedders":{"default":{"source":"userProvided","dimensions":3}},
    "searchCutoffMs":120,
    "localizedAttributes":[{"attributePatterns":["*"],"locales":["fr"]}],
    "facetSearch":false,"prefixSearch":"disabled"})");
  EXPECT_NE(s, IndexSettings{});
  auto back = Deserialize(Serialize(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, s);
  auto defaults = Deserialize(Serialize(IndexSettings{}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(*defaults, IndexSettings{});
}

TEST(SettingsJsonTest, DeserializeRejectsGarbageCleanly) {
  const std::string_view bad[] = {
      "",
      "not json",
      "{",
      "[]",
      "null",
      "42",
      "{}",
      R"({"rankingRules":["words"]})",
      "\xff\xfe\x00garbage",
  };
  for (std::string_view text : bad) {
    auto r = Deserialize(text);
    EXPECT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << text;
  }
  // A complete object with one invalid value.
  json::object o = ToJson(IndexSettings{});
  o["pagination"] = json::parse(R"({"maxTotalHits":0})");
  EXPECT_FALSE(Deserialize(json::serialize(o)).ok());
  o = ToJson(IndexSettings{});
  o["typoTolerance"].as_object()["minWordSizeForTypos"] =
      json::parse(R"({"oneTypo":9,"twoTypos":2})");
  EXPECT_FALSE(Deserialize(json::serialize(o)).ok());
}

TEST(PatchToDetailsTest, FlattensTheSubmittedKeysOnly) {
  auto patch = ParseSettingsPatch(json::parse(R"({
    "stopWords":["the","a"],"rankingRules":["words","title:asc"],"distinctAttribute":null,
    "displayedAttributes":null,"typoTolerance":{"minWordSizeForTypos":{"oneTypo":4}},
    "faceting":{"sortFacetValuesBy":{"genre":"count"}},
    "localizedAttributes":[{"attributePatterns":["*"],"locales":["ja"]}]})"));
  ASSERT_TRUE(std::holds_alternative<SettingsPatch>(patch));
  json::object details = PatchToDetails(std::get<SettingsPatch>(patch));
  EXPECT_EQ(json::serialize(details),
            R"({"displayedAttributes":["*"],"rankingRules":["words","title:asc"],)"
            R"("stopWords":["a","the"],"distinctAttribute":null,)"
            R"("typoTolerance":{"minWordSizeForTypos":{"oneTypo":4}},)"
            R"("faceting":{"sortFacetValuesBy":{"genre":"count"}},)"
            R"("localizedAttributes":[{"attributePatterns":["*"],"locales":["ja"]}]})");
}

TEST(PatchToDetailsTest, ResetAllShowsEveryKey) {
  json::object details = PatchToDetails(ResetAllPatch());
  EXPECT_EQ(details.size(), 20u);
  EXPECT_EQ(details["searchableAttributes"], json::parse(R"(["*"])"));
  EXPECT_TRUE(details["rankingRules"].is_null());
  EXPECT_TRUE(details["typoTolerance"].is_null());
}

}  // namespace
}  // namespace myriad::settings
