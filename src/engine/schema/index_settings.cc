#include "engine/schema/index_settings.h"

#include <set>

#include "engine/schema/field_path.h"

namespace myriad::settings {

using engine::MatchesPattern;
using engine::PathIsUnder;

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
      if (PathIsUnder(field, rule.field)) return true;
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
      if (PathIsUnder(field, rule.field)) return i;
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
    if (PathIsUnder(field, s)) return true;
  }
  return false;
}

}  // namespace myriad::settings
