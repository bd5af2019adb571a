// One sort criterion as a ranking rule: the search's `sort` parameter (where
// `sort` sits in the ranking rules) and the custom rules `field:asc` /
// `field:desc`, in the order of the field's values (facet_sort.h): numbers,
// then strings, then the documents without a value.
#pragma once

#include <deque>
#include <string>

#include "engine/search/rules/ranking_rule.h"
#include "engine/search/sort_criteria.h"

namespace myriad::engine {

class SortRule : public RankingRule {
 public:
  // `fid`: the field's id, nullopt when no document has it.
  SortRule(SortField field, std::optional<uint16_t> fid) : field_(std::move(field)), fid_(fid) {}
  Status Start(const RuleContext& ctx, const Roaring& universe,
               const std::vector<uint16_t>& kept) override;
  Result<std::optional<RuleBucket>> Next(const RuleContext& ctx, const Roaring& universe) override;

 private:
  SortField field_;
  std::optional<uint16_t> fid_;
  std::vector<uint16_t> kept_;
  std::deque<Roaring> buckets_;
};

}  // namespace myriad::engine
