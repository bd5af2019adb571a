// Token: one word found in a text by the Tokenizer.
//
// Thread safety: a value type.
#pragma once

#include <cstdint>
#include <string>

namespace myriad::text {

// Meilisearch (milli's MAX_WORD_LENGTH) never indexes a word whose normalized form is
// longer than this many bytes; such a word still takes its position (see Tokenizer).
inline constexpr uint32_t kMaxWordBytes = 250;

// Added to the position across a hard separator; +1 across soft ones.
inline constexpr uint32_t kHardSeparatorDistance = 8;

struct Token {
  // Normalized form, valid UTF-8: NFKD, lowercased, control characters removed,
  // non-spacing marks removed for the scripts charabia strips them for, recomposed
  // (NFC). Never empty, at most kMaxWordBytes bytes.
  std::string word;
  // Span in the ORIGINAL text (bytes), for highlighting and _matchesPosition.
  uint32_t byte_start = 0;
  uint32_t byte_len = 0;
  // Word position in the text: the first word is 0; +1 per word across soft
  // separators (or none, as between CJK words), +kHardSeparatorDistance when a hard
  // separator ('. ', ', ', '!', '?', ';', '。', ...) lies between.
  uint32_t position = 0;
  // Every code point of `word` is a decimal digit (typoTolerance.disableOnNumbers).
  bool is_number = false;

  friend bool operator==(const Token&, const Token&) = default;
};

}  // namespace myriad::text
