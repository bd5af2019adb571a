// The edit distance behind typo tolerance.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>

namespace myriad::typo {

// The optimal-string-alignment Damerau-Levenshtein distance between `a` and `b`
// counted in UTF-8 units (see utf8_units.h): insertion, deletion, substitution
// and the transposition of two adjacent units each cost 1, and no unit is
// edited twice. This is the distance Meilisearch's Levenshtein automata (built
// with transpositions) compute. Quadratic; the typo search uses an incremental
// form of it, this one is its reference.
uint32_t DamerauLevenshtein(std::string_view a, std::string_view b);

}  // namespace myriad::typo
