#include "engine/search/rules/typo_rule.h"

namespace myriad::engine {

Result<UnitCostRule::UnitClasses> TypoRule::Classes(const RuleContext& ctx, const Roaring&,
                                                    uint16_t unit) {
  const ResolvedUnit& u = ctx.query.units[unit];
  UnitClasses classes;
  classes.max_cost = u.max_typos;
  classes.by_cost.assign(u.docs_by_typos.begin(), u.docs_by_typos.end());
  return classes;
}

}  // namespace myriad::engine
