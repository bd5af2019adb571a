// SettingsPatch: a settings update as received (PATCH /settings, a sub-route,
// or a DELETE turned into resets): every key NotSet, Reset or Set. Nested
// objects (typoTolerance, faceting, pagination, embedders) are patches too,
// merged field by field by Apply().
//
// Values are validated (ParseSettingsPatch) but not yet normalized the way the
// index stores them: searchable/displayed lists may hold "*" or duplicates,
// locales keep their alias ("ja"); the task's `details` show them as sent.
//
// Thread safety: a value type.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/schema/index_settings.h"
#include "engine/schema/ranking_rule.h"
#include "engine/schema/setting.h"

namespace myriad::settings {

struct MinWordSizeForTyposPatch {
  Setting<std::uint8_t> one_typo;
  Setting<std::uint8_t> two_typos;
  friend bool operator==(const MinWordSizeForTyposPatch&,
                         const MinWordSizeForTyposPatch&) = default;
};

struct TypoTolerancePatch {
  Setting<bool> enabled;
  Setting<MinWordSizeForTyposPatch> min_word_size_for_typos;
  Setting<std::set<std::string>> disable_on_words;
  Setting<std::set<std::string>> disable_on_attributes;
  Setting<bool> disable_on_numbers;
  friend bool operator==(const TypoTolerancePatch&, const TypoTolerancePatch&) = default;
};

struct FacetingPatch {
  Setting<std::uint64_t> max_values_per_facet;
  Setting<std::map<std::string, FacetValuesSort>> sort_facet_values_by;
  friend bool operator==(const FacetingPatch&, const FacetingPatch&) = default;
};

struct PaginationPatch {
  Setting<std::uint64_t> max_total_hits;  // when set, >= 1
  friend bool operator==(const PaginationPatch&, const PaginationPatch&) = default;
};

struct SettingsPatch {
  Setting<std::vector<std::string>> displayed_attributes;
  Setting<std::vector<std::string>> searchable_attributes;
  Setting<std::vector<FilterableAttributesRule>> filterable_attributes;
  Setting<std::set<std::string>> sortable_attributes;
  Setting<std::vector<RankingRule>> ranking_rules;
  Setting<std::set<std::string>> stop_words;
  Setting<std::set<std::string>> non_separator_tokens;
  Setting<std::set<std::string>> separator_tokens;
  Setting<std::set<std::string>> dictionary;
  Setting<std::map<std::string, std::vector<std::string>>> synonyms;
  Setting<std::string> distinct_attribute;
  Setting<ProximityPrecision> proximity_precision;
  Setting<TypoTolerancePatch> typo_tolerance;
  Setting<FacetingPatch> faceting;
  Setting<PaginationPatch> pagination;
  // Per embedder: Set(object) adds or updates it, Reset removes it.
  Setting<std::map<std::string, Setting<boost::json::object>>> embedders;
  Setting<std::uint64_t> search_cutoff_ms;
  Setting<std::vector<LocalizedAttributesRule>> localized_attributes;
  Setting<bool> facet_search;
  Setting<PrefixSearch> prefix_search;

  friend bool operator==(const SettingsPatch&, const SettingsPatch&) = default;
};

}  // namespace myriad::settings
