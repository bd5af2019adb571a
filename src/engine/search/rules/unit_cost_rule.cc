#include "engine/search/rules/unit_cost_rule.h"

namespace myriad::engine {

UnitCostRule::UnitClasses UnitCostRule::ClassBuilder::Build() {
  UnitClasses classes;
  classes.max_cost = static_cast<uint32_t>(parts_.size() - 1);
  std::vector<const Roaring*> bitmaps;
  for (const std::vector<Roaring>& parts : parts_) {
    bitmaps.clear();
    for (const Roaring& r : parts) bitmaps.push_back(&r);
    classes.by_cost.push_back(bitmaps.empty() ? Roaring()
                                              : Roaring::fastunion(bitmaps.size(), bitmaps.data()));
  }
  return classes;
}

Status UnitCostRule::Start(const RuleContext& ctx, const Roaring& universe,
                           const std::vector<uint16_t>& kept) {
  kept_ = kept;
  std::vector<std::vector<Roaring>> classes;
  std::vector<uint32_t> max_costs;
  for (uint16_t u : kept) {
    MYRIAD_ASSIGN_OR_RETURN(UnitClasses unit, Classes(ctx, universe, u));
    classes.push_back(std::move(unit.by_cost));
    max_costs.push_back(unit.max_cost);
  }
  buckets_.emplace(universe, classes, max_costs);
  return Status::Ok();
}

Result<std::optional<RuleBucket>> UnitCostRule::Next(const RuleContext&, const Roaring& universe) {
  auto next = buckets_->Next(universe);
  if (!next) return std::optional<RuleBucket>();
  const uint32_t max = buckets_->max_cost();
  RuleBucket bucket{std::move(next->second), kept_, {}};
  bucket.detail = ScoreDetail(kind_, {max + 1 - next->first, max + 1});
  bucket.detail.count = next->first;
  bucket.detail.max_count = max;
  bucket.detail.legacy_attribute = legacy_attribute_;
  return std::optional<RuleBucket>(std::move(bucket));
}

}  // namespace myriad::engine
