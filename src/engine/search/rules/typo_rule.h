// The `typo` rule: fewest typos first, summed over the kept units (a prefix
// completion costs none; a unit's cost is its best-matching word's).
#pragma once

#include "engine/search/rules/unit_cost_rule.h"

namespace myriad::engine {

class TypoRule : public UnitCostRule {
 public:
  TypoRule() : UnitCostRule(ScoreDetail::Kind::kTypo) {}

 protected:
  Result<UnitClasses> Classes(const RuleContext& ctx, const Roaring& universe,
                              uint16_t unit) override;
};

}  // namespace myriad::engine
