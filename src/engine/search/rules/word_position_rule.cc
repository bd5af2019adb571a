#include "engine/search/rules/word_position_rule.h"

#include "engine/search/word_keys.h"

namespace myriad::engine {

uint32_t PositionCost(uint32_t distance) {
  static constexpr uint32_t kBounds[] = {0, 1, 4, 7, 11, 16, 24, 64, 256, 1024};
  uint32_t cost = 0;
  for (uint32_t bound : kBounds) {
    if (distance <= bound) return cost;
    ++cost;
  }
  return cost;
}

Result<UnitCostRule::UnitClasses> WordPositionRule::Classes(const RuleContext& ctx,
                                                            const Roaring& universe,
                                                            uint16_t unit) {
  // The unit's place among the query's words (a phrase takes one per word).
  uint32_t query_position = 0;
  for (uint16_t u = 0; u < unit; ++u) {
    query_position += static_cast<uint32_t>(ctx.query.units[u].unit.words.size());
  }
  ClassBuilder classes(PositionCost(UINT32_MAX));
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.word_position_docids));
  auto add = [&](uint16_t position, Roaring docs) {
    const uint32_t distance =
        position > query_position ? position - query_position : query_position - position;
    classes.Add(PositionCost(distance), std::move(docs));
    return Status::Ok();
  };
  const std::optional<std::string_view> prefix = IndexedPrefix(ctx, unit);
  if (prefix) {
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor prefixes,
                            storage::Cursor::Open(ctx.txn, ctx.dbs.prefix_position_docids));
    MYRIAD_RETURN_IF_ERROR(ForEachPrefixKey(prefixes, *prefix, add));
  }
  for (const DerivedWord& word : ctx.query.units[unit].derived) {
    if ((prefix && word.completion) || !word.docs.intersect(universe)) continue;
    MYRIAD_RETURN_IF_ERROR(ForEachWordKey(cursor, word.id, add));
  }
  return classes.Build();
}

}  // namespace myriad::engine
