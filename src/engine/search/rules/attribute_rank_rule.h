// The `attributeRank` rule (milli's Fid): documents whose query words lie in
// more important fields first; a unit costs the weight of the best field
// holding one of its words, summed over the kept units. With `legacy`, it is
// the first half of the `attribute` rule (wordPosition the second).
#pragma once

#include "engine/search/rules/unit_cost_rule.h"

namespace myriad::engine {

class AttributeRankRule : public UnitCostRule {
 public:
  explicit AttributeRankRule(bool legacy = false)
      : UnitCostRule(ScoreDetail::Kind::kAttributeRank, legacy) {}

 protected:
  Result<UnitClasses> Classes(const RuleContext& ctx, const Roaring& universe,
                              uint16_t unit) override;
};

}  // namespace myriad::engine
