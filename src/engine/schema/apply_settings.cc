#include "engine/schema/apply_settings.h"

#include <algorithm>
#include <string>
#include <utility>

#include "engine/schema/settings_fields.h"

namespace myriad::settings {
namespace {

// Set -> its value, Reset -> `fallback`, NotSet -> `*target` unchanged.
template <typename T, typename U>
void Merge(const Setting<T>& s, U* target, U fallback) {
  if (s.is_set()) {
    *target = s.value;
  } else if (s.is_reset()) {
    *target = std::move(fallback);
  }
}

std::optional<std::vector<std::string>> FieldList(const Setting<std::vector<std::string>>& s,
                                                  std::optional<std::vector<std::string>> cur) {
  if (s.is_reset()) return std::nullopt;
  if (!s.is_set()) return cur;
  const std::vector<std::string>& given = s.value;
  if (std::find(given.begin(), given.end(), "*") != given.end()) return std::nullopt;
  std::vector<std::string> unique;
  for (const std::string& f : given) {
    if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
  }
  return unique;
}

void MergeObject(boost::json::object& target, const boost::json::object& update) {
  for (const auto& m : update) {
    if (m.value().is_null()) {
      target.erase(m.key());
    } else {
      target[m.key()] = m.value();
    }
  }
}

std::optional<SettingsError> ApplyTypo(const TypoTolerancePatch& p, TypoTolerance& t) {
  const TypoTolerance defaults;
  Merge(p.enabled, &t.enabled, defaults.enabled);
  std::uint8_t one = t.one_typo, two = t.two_typos;
  if (p.min_word_size_for_typos.is_reset()) {
    one = defaults.one_typo;
    two = defaults.two_typos;
  } else if (p.min_word_size_for_typos.is_set()) {
    Merge(p.min_word_size_for_typos.value.one_typo, &one, defaults.one_typo);
    Merge(p.min_word_size_for_typos.value.two_typos, &two, defaults.two_typos);
  }
  if (one > two) {
    return SettingsError{
        "invalid_settings_typo_tolerance",
        "`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be "
        "between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but "
        "found `oneTypo: " +
            std::to_string(one) + "` and twoTypos: " + std::to_string(two) + "`."};
  }
  t.one_typo = one;
  t.two_typos = two;
  Merge(p.disable_on_words, &t.disable_on_words, {});
  Merge(p.disable_on_attributes, &t.disable_on_attributes, {});
  Merge(p.disable_on_numbers, &t.disable_on_numbers, defaults.disable_on_numbers);
  return std::nullopt;
}

void ApplyFaceting(const FacetingPatch& p, Faceting& f) {
  const Faceting defaults;
  Merge(p.max_values_per_facet, &f.max_values_per_facet, defaults.max_values_per_facet);
  Merge(p.sort_facet_values_by, &f.sort_facet_values_by, defaults.sort_facet_values_by);
  f.sort_facet_values_by.try_emplace("*", FacetValuesSort::kAlpha);
}

void ApplyEmbedders(const std::map<std::string, Setting<boost::json::object>>& p,
                    std::map<std::string, boost::json::object>& embedders) {
  for (const auto& [name, config] : p) {
    if (config.is_reset()) {
      embedders.erase(name);
    } else if (config.is_set()) {
      MergeObject(embedders[name], config.value);
    }
  }
}

std::vector<LocalizedAttributesRule> Canonical(std::vector<LocalizedAttributesRule> rules) {
  for (LocalizedAttributesRule& rule : rules) {
    for (std::string& locale : rule.locales) {
      std::string_view canonical = internal::CanonicalLocale(locale);
      if (!canonical.empty()) locale = std::string(canonical);
    }
  }
  return rules;
}

}  // namespace

std::variant<IndexSettings, SettingsError> Apply(const IndexSettings& current,
                                                 const SettingsPatch& patch) {
  IndexSettings next = current;
  const IndexSettings defaults;
  next.displayed_attributes = FieldList(patch.displayed_attributes, next.displayed_attributes);
  next.searchable_attributes = FieldList(patch.searchable_attributes, next.searchable_attributes);
  Merge(patch.filterable_attributes, &next.filterable_attributes, {});
  Merge(patch.sortable_attributes, &next.sortable_attributes, {});
  Merge(patch.ranking_rules, &next.ranking_rules, DefaultRankingRules());
  Merge(patch.stop_words, &next.stop_words, {});
  Merge(patch.non_separator_tokens, &next.non_separator_tokens, {});
  Merge(patch.separator_tokens, &next.separator_tokens, {});
  Merge(patch.dictionary, &next.dictionary, {});
  Merge(patch.synonyms, &next.synonyms, {});
  if (patch.distinct_attribute.is_set()) next.distinct_attribute = patch.distinct_attribute.value;
  if (patch.distinct_attribute.is_reset()) next.distinct_attribute.reset();
  Merge(patch.proximity_precision, &next.proximity_precision, defaults.proximity_precision);
  if (patch.typo_tolerance.is_reset()) next.typo_tolerance = TypoTolerance{};
  if (patch.typo_tolerance.is_set()) {
    if (auto e = ApplyTypo(patch.typo_tolerance.value, next.typo_tolerance)) return *e;
  }
  if (patch.faceting.is_reset()) next.faceting = Faceting{};
  if (patch.faceting.is_set()) ApplyFaceting(patch.faceting.value, next.faceting);
  if (patch.pagination.is_reset())
    next.pagination_max_total_hits = defaults.pagination_max_total_hits;
  if (patch.pagination.is_set()) {
    Merge(patch.pagination.value.max_total_hits, &next.pagination_max_total_hits,
          defaults.pagination_max_total_hits);
  }
  if (patch.embedders.is_reset()) next.embedders.clear();
  if (patch.embedders.is_set()) ApplyEmbedders(patch.embedders.value, next.embedders);
  if (patch.search_cutoff_ms.is_set()) next.search_cutoff_ms = patch.search_cutoff_ms.value;
  if (patch.search_cutoff_ms.is_reset()) next.search_cutoff_ms.reset();
  if (patch.localized_attributes.is_set()) {
    next.localized_attributes = Canonical(patch.localized_attributes.value);
  }
  if (patch.localized_attributes.is_reset()) next.localized_attributes.reset();
  Merge(patch.facet_search, &next.facet_search, defaults.facet_search);
  Merge(patch.prefix_search, &next.prefix_search, defaults.prefix_search);
  return next;
}

}  // namespace myriad::settings
