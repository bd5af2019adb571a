#include "engine/schema/reindex_reason.h"

#include <set>
#include <string>

namespace myriad::settings {
namespace {

// Fields faceted because a custom ranking rule sorts on them.
std::set<std::string> CustomRuleFields(const IndexSettings& s) {
  std::set<std::string> fields;
  for (const RankingRule& r : s.ranking_rules) {
    if (r.kind == RankingRule::Kind::kAsc || r.kind == RankingRule::Kind::kDesc) {
      fields.insert(r.field);
    }
  }
  return fields;
}

}  // namespace

ReindexReason WhatChanged(const IndexSettings& before, const IndexSettings& after) {
  ReindexReason r;
  r.searchable_fields = before.searchable_attributes != after.searchable_attributes;
  r.tokenization = before.stop_words != after.stop_words ||
                   before.separator_tokens != after.separator_tokens ||
                   before.non_separator_tokens != after.non_separator_tokens ||
                   before.dictionary != after.dictionary ||
                   before.localized_attributes != after.localized_attributes;
  r.proximity_precision = before.proximity_precision != after.proximity_precision;
  r.exact_attributes =
      before.typo_tolerance.disable_on_attributes != after.typo_tolerance.disable_on_attributes;
  r.prefix_search = before.prefix_search != after.prefix_search;
  r.filterable_fields = before.filterable_attributes != after.filterable_attributes;
  r.sortable_fields = before.sortable_attributes != after.sortable_attributes ||
                      CustomRuleFields(before) != CustomRuleFields(after);
  r.distinct_field = before.distinct_attribute != after.distinct_attribute;
  r.facet_search = before.facet_search != after.facet_search;
  r.embedders = before.embedders != after.embedders;
  return r;
}

}  // namespace myriad::settings
