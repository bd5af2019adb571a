// WordMatch / MatchFn: how the formatter learns which words of a document value match
// the query. The search engine knows the query's derived words (exact, typos, prefix);
// the formatter only asks, word by word.
//
// Thread safety: value types; a MatchFn is called from the thread running FormatHit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "engine/indexing/text/token.h"

namespace myriad::format {

struct WordMatch {
  // Bytes of the ORIGINAL token text to highlight, counted from its start: the whole
  // token for an exact or typo match, the matched prefix for a prefix match (query
  // "prin" on "Prince" -> 4). 0, or a value >= the token's length, means the whole
  // token. Must fall on a UTF-8 boundary (OriginalPrefixBytes gives one).
  uint32_t highlight_bytes = 0;
  // Index of the matched query word, in query order. Cropping prefers the window with
  // the most distinct query words, then the closest matches, then matches in query
  // order (milli's best_match_interval); equal ids count as one word.
  uint32_t query_word = 0;
};

// `token` is a word of the value (normalized form, span, position); `original` is its
// text as written in the document. nullopt: not a match. Phrases are the caller's
// business (report each word of a matched phrase).
using MatchFn =
    std::function<std::optional<WordMatch>(const text::Token& token, std::string_view original)>;

// The length in bytes of the start of `original` that covers its first
// `normalized_chars` characters, counting a base character and the combining marks
// that follow it as one (normalization strips those marks: "Westfália" with 8 chars
// -> "Westfáli", as milli's char_map does). Whole `original` if it is shorter.
uint32_t OriginalPrefixBytes(std::string_view original, size_t normalized_chars);

}  // namespace myriad::format
