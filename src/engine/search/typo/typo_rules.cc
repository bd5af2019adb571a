#include "engine/search/typo/typo_rules.h"

#include <algorithm>

#include "engine/search/typo/utf8_units.h"

namespace myriad::typo {

bool IsNumberWord(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= '0' && b <= '9') || (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) ||
           (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E);
  });
}

uint8_t AllowedTypos(std::string_view word, const TypoRules& rules) {
  if (!rules.enabled) return 0;
  const size_t chars = CountUtf8Units(word);
  if (chars < rules.min_one_typo) return 0;
  if (std::find(rules.disable_on_words.begin(), rules.disable_on_words.end(), word) !=
      rules.disable_on_words.end()) {
    return 0;
  }
  if (rules.disable_on_numbers && IsNumberWord(word)) return 0;
  return chars < rules.min_two_typos ? 1 : 2;
}

}  // namespace myriad::typo
