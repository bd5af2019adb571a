#include "engine/search/rules/ranking_rule.h"

#include "engine/search/typo/utf8_units.h"

namespace myriad::engine {

std::optional<std::string_view> IndexedPrefix(const RuleContext& ctx, uint16_t unit) {
  const QueryUnit& u = ctx.query.units[unit].unit;
  if (!ctx.prefix_dbs || !u.prefix || u.phrase || u.words.size() != 1 ||
      typo::CountUtf8Units(u.words.front()) > sdbs::kMaxIndexedPrefixChars) {
    return std::nullopt;
  }
  return std::string_view(u.words.front());
}

}  // namespace myriad::engine
