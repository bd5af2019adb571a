#include "engine/schema/apply_settings.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "engine/schema/parse_settings.h"
#include "engine/schema/reindex_reason.h"
#include "engine/schema/settings_json.h"

namespace myriad::settings {
namespace {

namespace json = boost::json;

SettingsPatch Patch(std::string_view body) {
  auto p = ParseSettingsPatch(json::parse(body));
  EXPECT_TRUE(std::holds_alternative<SettingsPatch>(p)) << body;
  return std::holds_alternative<SettingsPatch>(p) ? std::get<SettingsPatch>(p) : SettingsPatch{};
}

IndexSettings ApplyOk(const IndexSettings& base, const SettingsPatch& patch) {
  auto r = Apply(base, patch);
  if (auto* e = std::get_if<SettingsError>(&r)) ADD_FAILURE() << e->message;
  return std::holds_alternative<IndexSettings>(r) ? std::get<IndexSettings>(r) : base;
}

TEST(ApplyTest, TypoToleranceMergesFieldByField) {
  IndexSettings s = ApplyOk({}, Patch(R"({"typoTolerance":{"enabled":false,
      "disableOnWords":["iphone"],"minWordSizeForTypos":{"twoTypos":12}}})"));
  s = ApplyOk(s, Patch(R"({"typoTolerance":{"disableOnNumbers":true,
      "minWordSizeForTypos":{"oneTypo":3}}})"));
  EXPECT_FALSE(s.typo_tolerance.enabled);  // kept from the first update
  EXPECT_EQ(s.typo_tolerance.disable_on_words, std::set<std::string>{"iphone"});
  EXPECT_TRUE(s.typo_tolerance.disable_on_numbers);
  EXPECT_EQ(s.typo_tolerance.one_typo, 3);
  EXPECT_EQ(s.typo_tolerance.two_typos, 12);
  // A nested null resets that field only.
  s = ApplyOk(s, Patch(R"({"typoTolerance":{"enabled":null,"minWordSizeForTypos":null}})"));
  EXPECT_TRUE(s.typo_tolerance.enabled);
  EXPECT_EQ(s.typo_tolerance.one_typo, 5);
  EXPECT_EQ(s.typo_tolerance.two_typos, 9);
  EXPECT_TRUE(s.typo_tolerance.disable_on_numbers);
  // The whole object null resets everything.
  s = ApplyOk(s, Patch(R"({"typoTolerance":null})"));
  EXPECT_EQ(s.typo_tolerance, TypoTolerance{});
}

TEST(ApplyTest, OneTypoAboveStoredTwoTyposFailsAndChangesNothing) {
  IndexSettings s;
  auto r = Apply(s, Patch(R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10}}})"));
  ASSERT_TRUE(std::holds_alternative<SettingsError>(r));
  EXPECT_EQ(std::get<SettingsError>(r).code, "invalid_settings_typo_tolerance");
  EXPECT_EQ(std::get<SettingsError>(r).message,
            "`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be "
            "between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but "
            "found `oneTypo: 10` and twoTypos: 9`.");
}

TEST(ApplyTest, NullResetsEveryKeyToItsDefault) {
  IndexSettings changed = ApplyOk({}, Patch(R"({"displayedAttributes":["a"],
      "searchableAttributes":["a"],"filterableAttributes":["a"],"sortableAttributes":["a"],
      "rankingRules":["words"],"stopWords":["a"],"nonSeparatorTokens":["a"],
      "separatorTokens":["a"],"dictionary":["a"],"synonyms":{"a":["b"]},"distinctAttribute":"a",
      "proximityPrecision":"byAttribute","typoTolerance":{"enabled":false},
      "faceting":{"maxValuesPerFacet":1},"pagination":{"maxTotalHits":1},
      "embedders":{"e":{"source":"userProvided"}},"searchCutoffMs":1,
      "localizedAttributes":[],"facetSearch":false,"prefixSearch":"disabled"})"));
  EXPECT_EQ(ToJson(changed).size(), 20u);
  for (const auto& m : ToJson(IndexSettings{})) {
    EXPECT_NE(ToJson(changed).at(m.key()), m.value()) << m.key() << " was not changed";
  }
  EXPECT_EQ(ApplyOk(changed, ResetAllPatch()), IndexSettings{});
  std::string nulls = "{";
  for (const auto& m : ToJson(IndexSettings{})) {
    nulls += (nulls.size() > 1 ? ",\"" : "\"") + std::string(m.key()) + "\":null";
  }
  EXPECT_EQ(ApplyOk(changed, Patch(nulls + "}")), IndexSettings{});
}

TEST(ApplyTest, WildcardAndDuplicatesInFieldLists) {
  IndexSettings s = ApplyOk({}, Patch(R"({"searchableAttributes":["b","a","b"]})"));
  EXPECT_EQ(s.searchable_attributes, (std::vector<std::string>{"b", "a"}));
  EXPECT_FALSE(s.SearchesAllFields());
  s = ApplyOk(s, Patch(R"({"searchableAttributes":["title","*"]})"));
  EXPECT_TRUE(s.SearchesAllFields());
}

TEST(ApplyTest, FacetingKeepsTheStarOrderAndPaginationMerges) {
  IndexSettings s = ApplyOk({}, Patch(R"({"faceting":{"sortFacetValuesBy":{"genre":"count"}}})"));
  EXPECT_EQ(s.faceting.OrderFor("genre"), FacetValuesSort::kCount);
  EXPECT_EQ(s.faceting.OrderFor("other"), FacetValuesSort::kAlpha);
  EXPECT_EQ(ToJson(s)["faceting"], json::parse(R"({"maxValuesPerFacet":100,
      "sortFacetValuesBy":{"*":"alpha","genre":"count"}})"));
  s = ApplyOk(s, Patch(R"({"faceting":{"maxValuesPerFacet":0}})"));
  EXPECT_EQ(s.faceting.max_values_per_facet, 0u);
  EXPECT_EQ(s.faceting.OrderFor("genre"), FacetValuesSort::kCount);
  s = ApplyOk(s, Patch(R"({"pagination":{"maxTotalHits":20}})"));
  EXPECT_EQ(s.pagination_max_total_hits, 20u);
}

TEST(ApplyTest, EmbeddersMergeByNameAndNullRemoves) {
  IndexSettings s = ApplyOk({}, Patch(R"({"embedders":{"a":{"source":"rest","url":"u"},
      "b":{"source":"userProvided"}}})"));
  s = ApplyOk(s, Patch(R"({"embedders":{"a":{"url":null,"dimensions":3},"b":null}})"));
  ASSERT_EQ(s.embedders.size(), 1u);
  EXPECT_EQ(json::value(s.embedders.at("a")), json::parse(R"({"source":"rest","dimensions":3})"));
}

TEST(IndexSettingsTest, FilterableAndSortableLookups) {
  IndexSettings s = ApplyOk({}, Patch(R"({"filterableAttributes":["author",
      {"attributePatterns":["price_*"]},
      {"attributePatterns":["secret"],"features":{"filter":{"equality":false}}}],
      "sortableAttributes":["date"]})"));
  EXPECT_TRUE(s.IsFilterable("author"));
  EXPECT_TRUE(s.IsFilterable("author.name"));
  EXPECT_FALSE(s.IsFilterable("authors"));
  EXPECT_TRUE(s.IsFilterable("price_eur"));
  EXPECT_FALSE(s.IsFilterable("secret"));  // no filter operator enabled
  EXPECT_TRUE(s.IsSortable("date"));
  EXPECT_FALSE(s.IsSortable("title"));
}

TEST(ReindexReasonTest, OnlyIndexShapingChangesAskForWork) {
  IndexSettings base;
  auto changed = [&](std::string_view body) {
    return WhatChanged(base, ApplyOk(base, Patch(body)));
  };
  EXPECT_FALSE(changed(R"({"displayedAttributes":["a"],"synonyms":{"a":["b"]},
      "pagination":{"maxTotalHits":5},"rankingRules":["words"],"searchCutoffMs":3})")
                   .any());
  EXPECT_TRUE(changed(R"({"searchableAttributes":["a"]})").searchable_fields);
  EXPECT_TRUE(changed(R"({"stopWords":["the"]})").tokenization);
  EXPECT_TRUE(changed(R"({"dictionary":["C++"]})").tokenization);
  EXPECT_TRUE(changed(R"({"filterableAttributes":["a"]})").filterable_fields);
  EXPECT_TRUE(changed(R"({"sortableAttributes":["a"]})").sortable_fields);
  EXPECT_TRUE(changed(R"({"rankingRules":["words","price:asc"]})").sortable_fields);
  EXPECT_TRUE(changed(R"({"proximityPrecision":"byAttribute"})").proximity_precision);
  EXPECT_TRUE(changed(R"({"distinctAttribute":"sku"})").distinct_field);
  EXPECT_TRUE(changed(R"({"typoTolerance":{"disableOnAttributes":["a"]}})").exact_attributes);
  EXPECT_FALSE(changed(R"({"typoTolerance":{"disableOnWords":["a"]}})").any());
  EXPECT_FALSE(changed(R"({"stopWords":[]})").any());  // same as before: nothing to do
}

}  // namespace
}  // namespace myriad::settings
