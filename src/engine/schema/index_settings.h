// IndexSettings: the complete, current settings of one index (the 20 keys of
// Meilisearch's GET /indexes/{uid}/settings), every key holding its effective
// value. A default-constructed IndexSettings is a fresh index's settings.
//
// Thread safety: a value type; const methods are safe to call concurrently.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/ranking_rule.h"

namespace myriad::settings {

enum class ProximityPrecision { kByWord, kByAttribute };
enum class PrefixSearch { kIndexingTime, kDisabled };
enum class FacetValuesSort { kAlpha, kCount };

// One entry of `filterableAttributes`: either a plain field name (legacy form,
// every filter operator and facet search allowed) or an object
// {attributePatterns, features:{facetSearch, filter:{equality, comparison}}}
// whose omitted features hold Meilisearch's defaults.
struct FilterableAttributesRule {
  bool is_pattern = false;
  std::string field;                            // !is_pattern
  std::vector<std::string> attribute_patterns;  // is_pattern
  bool facet_search = false;
  bool filter_equality = true;
  bool filter_comparison = false;

  friend bool operator==(const FilterableAttributesRule&,
                         const FilterableAttributesRule&) = default;
};

// One entry of `localizedAttributes`; locales hold ISO 639-3 codes ("jpn"),
// the form Meilisearch returns whatever alias ("ja") was sent.
struct LocalizedAttributesRule {
  std::vector<std::string> attribute_patterns;
  std::vector<std::string> locales;

  friend bool operator==(const LocalizedAttributesRule&, const LocalizedAttributesRule&) = default;
};

struct TypoTolerance {
  bool enabled = true;
  std::uint8_t one_typo = 5;   // minWordSizeForTypos.oneTypo
  std::uint8_t two_typos = 9;  // minWordSizeForTypos.twoTypos; >= one_typo
  std::set<std::string> disable_on_words;
  std::set<std::string> disable_on_attributes;
  bool disable_on_numbers = false;

  friend bool operator==(const TypoTolerance&, const TypoTolerance&) = default;
};

struct Faceting {
  std::uint64_t max_values_per_facet = 100;
  // Always holds "*" (the order of facets not named).
  std::map<std::string, FacetValuesSort> sort_facet_values_by = {{"*", FacetValuesSort::kAlpha}};

  // The order for `facet`: its own entry, else the "*" entry.
  FacetValuesSort OrderFor(std::string_view facet) const;

  friend bool operator==(const Faceting&, const Faceting&) = default;
};

std::vector<RankingRule> DefaultRankingRules();

struct IndexSettings {
  // nullopt = ["*"] (every field). Never contains "*" itself, no duplicates.
  std::optional<std::vector<std::string>> displayed_attributes;
  std::optional<std::vector<std::string>> searchable_attributes;
  std::vector<FilterableAttributesRule> filterable_attributes;
  std::set<std::string> sortable_attributes;
  std::vector<RankingRule> ranking_rules = DefaultRankingRules();
  std::set<std::string> stop_words;
  std::set<std::string> non_separator_tokens;
  std::set<std::string> separator_tokens;
  std::set<std::string> dictionary;
  std::map<std::string, std::vector<std::string>> synonyms;
  std::optional<std::string> distinct_attribute;
  ProximityPrecision proximity_precision = ProximityPrecision::kByWord;
  TypoTolerance typo_tolerance;
  Faceting faceting;
  std::uint64_t pagination_max_total_hits = 1000;  // >= 1
  // Embedder name -> its configuration object, kept as given (no vectors are
  // computed by this engine).
  std::map<std::string, boost::json::object> embedders;
  std::optional<std::uint64_t> search_cutoff_ms;  // nullopt: engine default
  std::optional<std::vector<LocalizedAttributesRule>> localized_attributes;
  bool facet_search = true;
  PrefixSearch prefix_search = PrefixSearch::kIndexingTime;

  // True when every field is searchable (searchableAttributes is ["*"]).
  bool SearchesAllFields() const { return !searchable_attributes.has_value(); }
  bool DisplaysAllFields() const { return !displayed_attributes.has_value(); }

  // Whether `field` (a dotted path such as "author.name") may be used in a
  // filter, following Meilisearch's rules: a plain rule matches the field and
  // its sub-fields; a pattern rule matches with `*` wildcards and must enable
  // at least one filter operator.
  bool IsFilterable(std::string_view field) const;
  // The position in filterable_attributes of the first rule matching `field`
  // (a plain rule: the field or a parent; a pattern rule: whatever its
  // features), or nullopt: the rule whose features apply, as Meilisearch's
  // matching_features picks it.
  std::optional<size_t> MatchingFilterableRule(std::string_view field) const;
  // Whether `field` may be used in `sort` (exact name or a sub-field).
  bool IsSortable(std::string_view field) const;
  // Every filterable field name and attribute pattern, sorted (as Meilisearch
  // lists them in its errors).
  std::vector<std::string> FilterableNames() const;
  bool IsStopWord(std::string_view word) const { return stop_words.contains(std::string(word)); }

  friend bool operator==(const IndexSettings&, const IndexSettings&) = default;
};

}  // namespace myriad::settings
