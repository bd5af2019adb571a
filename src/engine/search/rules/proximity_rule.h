// The `proximity` rule: documents whose consecutive kept units lie closer
// first. A pair costs its closest distance less one, at most 7 (words further
// apart, or only in different fields), as milli counts it; a document costs
// the sum over its pairs. The best bucket — every pair adjacent — comes from
// bitmaps (sdbs::kWordPairDocids); only when the search reaches past it are
// the other documents measured, on their forward index (sdbs::kDocWords), read
// only as far as the units' words go.
// Under `proximityPrecision: byAttribute` a pair costs 0 when both units share
// a field, else 7.
#pragma once

#include <map>
#include <optional>

#include "engine/search/doc_features.h"
#include "engine/search/rules/ranking_rule.h"
#include "storage/cursor.h"

namespace myriad::engine {

class ProximityRule : public RankingRule {
 public:
  explicit ProximityRule(bool by_attribute) : by_attribute_(by_attribute) {}
  Status Start(const RuleContext& ctx, const Roaring& universe,
               const std::vector<uint16_t>& kept) override;
  Result<std::optional<RuleBucket>> Next(const RuleContext& ctx, const Roaring& universe) override;

 private:
  uint32_t Cost() const;
  // The documents of `universe` where every pair of kept units is adjacent.
  Result<Roaring> Adjacent(const RuleContext& ctx, const Roaring& universe) const;
  // Fills by_cost_ with the documents of `docs`.
  Status Measure(const RuleContext& ctx, const Roaring& docs);

  bool by_attribute_;
  std::vector<uint16_t> kept_;
  uint32_t max_cost_ = 0;
  Roaring adjacent_;  // cost 0, until handed out
  Roaring rest_;      // measured when the search reaches them
  bool measured_ = false;
  std::map<uint32_t, Roaring> by_cost_;  // emptied as buckets are handed out
  DocFeatures features_;                 // reused: measuring allocates once
};

}  // namespace myriad::engine
