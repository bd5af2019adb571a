// Word normalization shared by indexing and search, as Meilisearch's charabia does it
// with its default (lossy) normalizers:
//   1. compatibility decomposition (NFKD): "ﬁ" -> "fi", "Ｗ" -> "W", "²" -> "2";
//   2. control characters removed;
//   3. lowercase (full Unicode lowercasing, NOT case folding: like charabia,
//      "Straße" -> "straße", the "ß" is kept);
//   4. for Latin, Greek, Hebrew, Arabic and Thai words (charabia's list), non-spacing
//      marks (category Mn) removed: "ÉCOLE" -> "ecole", "Ångström" -> "angstrom";
//      other scripts keep them (Cyrillic "й" stays "й");
//   5. Latin "œ"/"æ" -> "oe"/"ae"; Greek final "ς" -> "σ";
//   6. recomposition (NFC), so the result is compact and canonical.
// Pure-ASCII input takes a byte loop that never calls ICU.
//
// Thread safety: free functions, safe from any number of threads.
#pragma once

#include <string>
#include <string_view>

namespace myriad::text {

// The normalized form of `word` (a query word, a facet value, a dictionary entry).
// Ill-formed UTF-8 never crashes: bad bytes become U+FFFD. May return "" (a word made
// only of control characters or marks).
std::string NormalizeWord(std::string_view word);

// Appends the normalized form of `word` to `*out` (no allocation for ASCII input
// beyond growing `*out`).
// REQUIRES: out != nullptr
void AppendNormalizedWord(std::string_view word, std::string* out);

// Whether `word` is non-empty and made only of decimal digits (any script's Nd).
bool IsNumber(std::string_view normalized_word);

}  // namespace myriad::text
