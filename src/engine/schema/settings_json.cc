#include "engine/schema/settings_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <variant>

#include "engine/schema/apply_settings.h"
#include "engine/schema/parse_settings.h"
#include "engine/schema/settings_fields.h"

namespace myriad::settings {
namespace {

namespace json = boost::json;

template <typename Container>
json::array Strings(const Container& c) {
  json::array a;
  for (const auto& s : c) a.emplace_back(s);
  return a;
}

json::value RulesJson(const std::vector<RankingRule>& rules) {
  json::array a;
  for (const RankingRule& r : rules) a.emplace_back(RankingRuleText(r));
  return a;
}

json::value FilterableJson(const std::vector<FilterableAttributesRule>& rules) {
  json::array a;
  for (const FilterableAttributesRule& r : rules) {
    if (!r.is_pattern) {
      a.emplace_back(r.field);
      continue;
    }
    json::object filter{{"equality", r.filter_equality}, {"comparison", r.filter_comparison}};
    json::object features{{"facetSearch", r.facet_search}, {"filter", std::move(filter)}};
    json::object o;
    o["attributePatterns"] = Strings(r.attribute_patterns);
    o["features"] = std::move(features);
    a.emplace_back(std::move(o));
  }
  return a;
}

json::value SynonymsJson(const std::map<std::string, std::vector<std::string>>& synonyms) {
  json::object o;
  for (const auto& [word, list] : synonyms) o[word] = Strings(list);
  return o;
}

json::value LocalizedJson(const std::vector<LocalizedAttributesRule>& rules) {
  json::array a;
  for (const LocalizedAttributesRule& r : rules) {
    json::object o;
    o["attributePatterns"] = Strings(r.attribute_patterns);
    o["locales"] = Strings(r.locales);
    a.emplace_back(std::move(o));
  }
  return a;
}

json::value SortByJson(const std::map<std::string, FacetValuesSort>& orders) {
  json::object o;
  for (const auto& [facet, order] : orders) {
    o[facet] = internal::kFacetValuesSortNames[static_cast<size_t>(order)];
  }
  return o;
}

json::value TypoJson(const TypoTolerance& t) {
  json::object o;
  o["enabled"] = t.enabled;
  o["minWordSizeForTypos"] = json::object{{"oneTypo", t.one_typo}, {"twoTypos", t.two_typos}};
  o["disableOnWords"] = Strings(t.disable_on_words);
  o["disableOnAttributes"] = Strings(t.disable_on_attributes);
  o["disableOnNumbers"] = t.disable_on_numbers;
  return o;
}

// Details: a Setting as Meilisearch serializes it (Reset -> null); NotSet
// members are skipped by the callers.
template <typename T, typename ToValue>
json::value SettingJson(const Setting<T>& s, ToValue to_value) {
  if (!s.is_set()) return nullptr;
  return to_value(s.value);
}

template <typename T, typename ToValue>
void PutIfPresent(json::object& o, std::string_view key, const Setting<T>& s, ToValue to_value) {
  if (!s.is_not_set()) o[key] = SettingJson(s, to_value);
}

const auto kPlain = [](const auto& v) { return json::value(v); };
const auto kStrings = [](const auto& c) { return json::value(Strings(c)); };

json::value TypoPatchJson(const TypoTolerancePatch& p) {
  json::object o;
  PutIfPresent(o, "enabled", p.enabled, kPlain);
  PutIfPresent(o, "minWordSizeForTypos", p.min_word_size_for_typos,
               [](const MinWordSizeForTyposPatch& m) {
                 json::object mo;
                 PutIfPresent(mo, "oneTypo", m.one_typo, kPlain);
                 PutIfPresent(mo, "twoTypos", m.two_typos, kPlain);
                 return json::value(std::move(mo));
               });
  PutIfPresent(o, "disableOnWords", p.disable_on_words, kStrings);
  PutIfPresent(o, "disableOnAttributes", p.disable_on_attributes, kStrings);
  PutIfPresent(o, "disableOnNumbers", p.disable_on_numbers, kPlain);
  return o;
}

json::value WildcardListJson(const Setting<std::vector<std::string>>& s) {
  if (s.is_reset()) return json::array{"*"};
  return Strings(s.value);
}

}  // namespace

json::object ToJson(const IndexSettings& s) {
  json::object o;
  o["displayedAttributes"] =
      s.displayed_attributes ? Strings(*s.displayed_attributes) : json::array{"*"};
  o["searchableAttributes"] =
      s.searchable_attributes ? Strings(*s.searchable_attributes) : json::array{"*"};
  o["filterableAttributes"] = FilterableJson(s.filterable_attributes);
  o["sortableAttributes"] = Strings(s.sortable_attributes);
  o["rankingRules"] = RulesJson(s.ranking_rules);
  o["stopWords"] = Strings(s.stop_words);
  o["nonSeparatorTokens"] = Strings(s.non_separator_tokens);
  o["separatorTokens"] = Strings(s.separator_tokens);
  o["dictionary"] = Strings(s.dictionary);
  o["synonyms"] = SynonymsJson(s.synonyms);
  o["distinctAttribute"] =
      s.distinct_attribute ? json::value(*s.distinct_attribute) : json::value(nullptr);
  o["proximityPrecision"] =
      internal::kProximityPrecisionNames[static_cast<size_t>(s.proximity_precision)];
  o["typoTolerance"] = TypoJson(s.typo_tolerance);
  o["faceting"] = json::object{{"maxValuesPerFacet", s.faceting.max_values_per_facet},
                               {"sortFacetValuesBy", SortByJson(s.faceting.sort_facet_values_by)}};
  o["pagination"] = json::object{{"maxTotalHits", s.pagination_max_total_hits}};
  json::object embedders;
  for (const auto& [name, config] : s.embedders) embedders[name] = config;
  o["embedders"] = std::move(embedders);
  o["searchCutoffMs"] = s.search_cutoff_ms ? json::value(*s.search_cutoff_ms) : nullptr;
  o["localizedAttributes"] =
      s.localized_attributes ? LocalizedJson(*s.localized_attributes) : json::value(nullptr);
  o["facetSearch"] = s.facet_search;
  o["prefixSearch"] = internal::kPrefixSearchNames[static_cast<size_t>(s.prefix_search)];
  return o;
}

json::object PatchToDetails(const SettingsPatch& p) {
  json::object o;
  if (!p.displayed_attributes.is_not_set()) {
    o["displayedAttributes"] = WildcardListJson(p.displayed_attributes);
  }
  if (!p.searchable_attributes.is_not_set()) {
    o["searchableAttributes"] = WildcardListJson(p.searchable_attributes);
  }
  PutIfPresent(o, "filterableAttributes", p.filterable_attributes, FilterableJson);
  PutIfPresent(o, "sortableAttributes", p.sortable_attributes, kStrings);
  PutIfPresent(o, "rankingRules", p.ranking_rules, RulesJson);
  PutIfPresent(o, "stopWords", p.stop_words, kStrings);
  PutIfPresent(o, "nonSeparatorTokens", p.non_separator_tokens, kStrings);
  PutIfPresent(o, "separatorTokens", p.separator_tokens, kStrings);
  PutIfPresent(o, "dictionary", p.dictionary, kStrings);
  PutIfPresent(o, "synonyms", p.synonyms, SynonymsJson);
  PutIfPresent(o, "distinctAttribute", p.distinct_attribute, kPlain);
  PutIfPresent(o, "proximityPrecision", p.proximity_precision, [](ProximityPrecision v) {
    return json::value(internal::kProximityPrecisionNames[static_cast<size_t>(v)]);
  });
  PutIfPresent(o, "typoTolerance", p.typo_tolerance, TypoPatchJson);
  PutIfPresent(o, "faceting", p.faceting, [](const FacetingPatch& f) {
    json::object fo;
    PutIfPresent(fo, "maxValuesPerFacet", f.max_values_per_facet, kPlain);
    PutIfPresent(fo, "sortFacetValuesBy", f.sort_facet_values_by, SortByJson);
    return json::value(std::move(fo));
  });
  PutIfPresent(o, "pagination", p.pagination, [](const PaginationPatch& pg) {
    json::object po;
    PutIfPresent(po, "maxTotalHits", pg.max_total_hits, kPlain);
    return json::value(std::move(po));
  });
  PutIfPresent(o, "embedders", p.embedders,
               [](const std::map<std::string, Setting<json::object>>& embedders) {
                 json::object eo;
                 for (const auto& [name, config] : embedders) {
                   eo[name] = SettingJson(config, kPlain);
                 }
                 return json::value(std::move(eo));
               });
  PutIfPresent(o, "searchCutoffMs", p.search_cutoff_ms, kPlain);
  PutIfPresent(o, "localizedAttributes", p.localized_attributes, LocalizedJson);
  PutIfPresent(o, "facetSearch", p.facet_search, kPlain);
  PutIfPresent(o, "prefixSearch", p.prefix_search, [](PrefixSearch v) {
    return json::value(internal::kPrefixSearchNames[static_cast<size_t>(v)]);
  });
  return o;
}

std::string Serialize(const IndexSettings& settings) { return json::serialize(ToJson(settings)); }

Result<IndexSettings> Deserialize(std::string_view text) {
  // The stored form is a complete settings object: read back through the
  // request parser, which validates every value, applied to the defaults.
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status::Corruption("stored settings are not JSON: " + ec.message());
  if (!v.is_object() || v.get_object().size() != internal::Fields().size()) {
    return Status::Corruption("stored settings do not hold the 20 settings keys");
  }
  auto patch = ParseSettingsPatch(v);
  if (auto* e = std::get_if<SettingsError>(&patch)) {
    return Status::Corruption("stored settings are invalid: " + e->message);
  }
  auto applied = Apply(IndexSettings{}, std::get<SettingsPatch>(patch));
  if (auto* e = std::get_if<SettingsError>(&applied)) {
    return Status::Corruption("stored settings are invalid: " + e->message);
  }
  return std::get<IndexSettings>(std::move(applied));
}

}  // namespace myriad::settings
