// SegmentMatcher: recognizes, at one byte offset of a text, a separator or a
// dictionary word, with charabia's leftmost-longest rule (scanning offsets left to
// right and taking the longest pattern that starts at the first offset that has one).
//
// Thread safety: immutable after construction; const methods are safe from many
// threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/indexing/text/tokenizer_options.h"

namespace myriad::text {

enum class SegmentKind : uint8_t { kText, kSoftSeparator, kHardSeparator, kDictionaryWord };

struct SegmentMatch {
  SegmentKind kind;
  // Bytes covered: the pattern, or for kText the code point at the offset. A byte that
  // does not start well-formed UTF-8 is a one-byte kSoftSeparator.
  uint32_t length;
};

class SegmentMatcher {
 public:
  explicit SegmentMatcher(const TokenizerOptions& options);

  // REQUIRES: pos < text.size()
  SegmentMatch MatchAt(std::string_view text, size_t pos) const {
    // Inline for the common case, an ASCII byte no pattern starts with: the
    // tokenizer calls this once per byte.
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80 && patterns_[b].empty()) return {ascii_kind_[b], 1};
    return MatchPatternOrCodePoint(text, pos);
  }

 private:
  struct Pattern {
    std::string text;
    SegmentKind kind;
  };

  SegmentMatch MatchPatternOrCodePoint(std::string_view text, size_t pos) const;
  bool IsSingleSeparator(char32_t cp) const;
  bool IsSeparatorString(std::string_view s) const;
  void AddPattern(std::string text, SegmentKind kind);

  // Per ASCII byte: kText or a separator kind.
  std::array<SegmentKind, 128> ascii_kind_;
  // Non-ASCII single code points added to / removed from the default separators.
  std::vector<char32_t> added_code_points_;
  std::vector<char32_t> removed_code_points_;
  // Patterns longer than one code point and dictionary words, by first byte, longest
  // first.
  std::array<std::vector<Pattern>, 256> patterns_;
};

}  // namespace myriad::text
