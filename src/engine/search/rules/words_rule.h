// The `words` rule: documents matching more of the query's units first, units
// being given up in matchingStrategy's order (`last`: from the end of the
// query; `frequency`: the most frequent first; `all`: none).
#pragma once

#include <cstdint>

#include "engine/search/rules/ranking_rule.h"
#include "engine/search/search_request.h"

namespace myriad::engine {

class WordsRule : public RankingRule {
 public:
  explicit WordsRule(MatchingStrategy strategy) : strategy_(strategy) {}
  Status Start(const RuleContext& ctx, const Roaring& universe,
               const std::vector<uint16_t>& kept) override;
  Result<std::optional<RuleBucket>> Next(const RuleContext& ctx, const Roaring& universe) override;

 private:
  MatchingStrategy strategy_;
  std::vector<uint16_t> order_;  // the units, the last given up first
  int64_t next_ = 0;             // how many units of order_ the next bucket matches
  int64_t min_matching_ = 0;
  std::vector<Roaring> matching_all_;  // [k]: documents matching order_[0..k)
};

}  // namespace myriad::engine
