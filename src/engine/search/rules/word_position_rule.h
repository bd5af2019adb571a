// The `wordPosition` rule (milli's Position): documents whose query words lie
// where the query has them, near the start of a field, first. A unit costs the
// distance between the bucketed position of its best word in a field and its
// own position in the query, on milli's scale (0, 1, 2 up to 4, 3 up to 7, ...,
// 10 past 1024), summed over the kept units. With `legacy`, the second half of
// the `attribute` rule.
#pragma once

#include "engine/search/rules/unit_cost_rule.h"

namespace myriad::engine {

class WordPositionRule : public UnitCostRule {
 public:
  explicit WordPositionRule(bool legacy = false)
      : UnitCostRule(ScoreDetail::Kind::kWordPosition, legacy) {}

 protected:
  Result<UnitClasses> Classes(const RuleContext& ctx, const Roaring& universe,
                              uint16_t unit) override;
};

// Milli's cost of a distance between a word's position and its query word's.
uint32_t PositionCost(uint32_t distance);

}  // namespace myriad::engine
