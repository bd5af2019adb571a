#include "engine/settings/index_settings.h"

#include <set>

namespace myriad::settings {
namespace {

// `field` is `base` or one of its sub-fields ("a" covers "a" and "a.b").
bool IsFieldOrChild(std::string_view field, std::string_view base) {
  return field == base ||
         (field.size() > base.size() && field.starts_with(base) && field[base.size()] == '.');
}

// Meilisearch's match_pattern (exact match part): `*` alone, `*x*`, `*x`, `x*`, `x`.
bool MatchesPattern(std::string_view pattern, std::string_view field) {
  if (pattern == "*") return true;
  if (pattern.size() >= 2 && pattern.starts_with('*') && pattern.ends_with('*')) {
    return field.find(pattern.substr(1, pattern.size() - 2)) != std::string_view::npos;
  }
  if (pattern.starts_with('*')) return field.ends_with(pattern.substr(1));
  if (pattern.ends_with('*')) return field.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == field;
}

}  // namespace

std::vector<RankingRule> DefaultRankingRules() {
  using K = RankingRule::Kind;
  return {{K::kWords, ""}, {K::kTypo, ""},         {K::kProximity, ""}, {K::kAttributeRank, ""},
          {K::kSort, ""},  {K::kWordPosition, ""}, {K::kExactness, ""}};
}

FacetValuesSort Faceting::OrderFor(std::string_view facet) const {
  auto it = sort_facet_values_by.find(std::string(facet));
  if (it != sort_facet_values_by.end()) return it->second;
  auto star = sort_facet_values_by.find("*");
  return star == sort_facet_values_by.end() ? FacetValuesSort::kAlpha : star->second;
}

bool IndexSettings::IsFilterable(std::string_view field) const {
  for (const FilterableAttributesRule& rule : filterable_attributes) {
    if (!rule.is_pattern) {
      if (IsFieldOrChild(field, rule.field)) return true;
      continue;
    }
    if (!rule.filter_equality && !rule.filter_comparison) continue;
    for (const std::string& pattern : rule.attribute_patterns) {
      if (MatchesPattern(pattern, field)) return true;
    }
  }
  return false;
}

std::optional<size_t> IndexSettings::MatchingFilterableRule(std::string_view field) const {
  for (size_t i = 0; i < filterable_attributes.size(); ++i) {
    const FilterableAttributesRule& rule = filterable_attributes[i];
    if (!rule.is_pattern) {
      if (IsFieldOrChild(field, rule.field)) return i;
      continue;
    }
    for (const std::string& pattern : rule.attribute_patterns) {
      if (MatchesPattern(pattern, field)) return i;
    }
  }
  return std::nullopt;
}

std::vector<std::string> IndexSettings::FilterableNames() const {
  std::set<std::string> names;
  for (const FilterableAttributesRule& rule : filterable_attributes) {
    if (rule.is_pattern) {
      names.insert(rule.attribute_patterns.begin(), rule.attribute_patterns.end());
    } else {
      names.insert(rule.field);
    }
  }
  return {names.begin(), names.end()};
}

bool IndexSettings::IsSortable(std::string_view field) const {
  for (const std::string& s : sortable_attributes) {
    if (IsFieldOrChild(field, s)) return true;
  }
  return false;
}

}  // namespace myriad::settings
