// Field paths and attribute patterns as Meilisearch matches them: flattened
// documents name their fields with dotted paths ("author.name"), and settings
// name attributes by path or by a pattern with `*`.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace myriad::engine {

// True when `path` is `attribute` or lies under it ("a.b" under "a").
bool PathIsUnder(std::string_view path, std::string_view attribute);

// Meilisearch's match_pattern (its exact part): `*` alone, `*x*`, `*x`, `x*`, `x`.
bool MatchesPattern(std::string_view pattern, std::string_view field);

}  // namespace myriad::engine
