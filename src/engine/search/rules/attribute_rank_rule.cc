#include "engine/search/rules/attribute_rank_rule.h"

#include <algorithm>

#include "engine/search/word_keys.h"

namespace myriad::engine {

Result<UnitCostRule::UnitClasses> AttributeRankRule::Classes(const RuleContext& ctx,
                                                             const Roaring& universe,
                                                             uint16_t unit) {
  ClassBuilder classes(ctx.max_weight);
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.word_field_docids));
  auto add = [&](uint8_t typos) {
    return [&classes, &ctx, typos](uint16_t fid, Roaring docs) {
      if (!ctx.query.scope.Allows(fid, typos)) return Status::Ok();
      const uint32_t weight = fid < ctx.field_weights.size() ? ctx.field_weights[fid] : UINT32_MAX;
      if (weight <= ctx.max_weight) classes.Add(weight, std::move(docs));
      return Status::Ok();
    };
  };
  const std::optional<std::string_view> prefix = IndexedPrefix(ctx, unit);
  if (prefix) {
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor prefixes,
                            storage::Cursor::Open(ctx.txn, ctx.dbs.prefix_field_docids));
    MYRIAD_RETURN_IF_ERROR(ForEachPrefixKey(prefixes, *prefix, add(0)));
  }
  for (const DerivedWord& word : ctx.query.units[unit].derived) {
    if ((prefix && word.completion) || !word.docs.intersect(universe)) continue;
    MYRIAD_RETURN_IF_ERROR(ForEachWordKey(cursor, word.id, add(word.typos)));
  }
  return classes.Build();
}

}  // namespace myriad::engine
