// How many typos a query word may have: Meilisearch's `typoTolerance` setting.
//
// Thread safety: TypoRules is a value; the functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace myriad::typo {

struct TypoRules {
  bool enabled = true;
  // Lengths in Unicode characters: words shorter than min_one_typo allow no
  // typo, shorter than min_two_typos one, longer ones two.
  uint32_t min_one_typo = 5;
  uint32_t min_two_typos = 9;
  // Query words made only of digits and ASCII punctuation allow no typo, and
  // such dictionary words are never reached through a typo.
  bool disable_on_numbers = false;
  // Query words (already normalized) that allow no typo.
  std::vector<std::string> disable_on_words;
};

// Meilisearch's `disableOnNumbers` test: every character is an ASCII digit or
// ASCII punctuation (non-ASCII digits are not counted as numbers here).
bool IsNumberWord(std::string_view word);

// The typos (0, 1 or 2) `word` may have under `rules`.
uint8_t AllowedTypos(std::string_view word, const TypoRules& rules);

}  // namespace myriad::typo
