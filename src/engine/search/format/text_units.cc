#include "engine/search/format/text_units.h"

#include "engine/indexing/text/separators.h"
#include "util/utf8.h"

namespace myriad::format {
namespace {

// Length of the default separator starting at text[pos], or 0 if none does.
size_t SeparatorAt(std::string_view text, size_t pos) {
  size_t longest = 0;
  for (std::string_view s : text::DefaultMultiCodePointSeparators()) {
    if (s.size() > longest && text.compare(pos, s.size(), s) == 0) longest = s.size();
  }
  if (longest > 0) return longest;
  const Utf8Char c = DecodeUtf8(text, pos);
  if (c.code == kInvalidCodePoint || text::IsDefaultSeparator(c.code)) return c.size;
  return 0;
}

void SplitGap(std::string_view text, size_t begin, size_t end, std::vector<TextUnit>* units) {
  size_t pos = begin;
  size_t word_start = end;  // start of a pending run of non-separator characters
  const auto flush_word = [&](size_t at) {
    if (word_start < at) {
      units->push_back(
          {static_cast<uint32_t>(word_start), static_cast<uint32_t>(at), UnitKind::kWord});
    }
    word_start = end;
  };
  while (pos < end) {
    size_t len = SeparatorAt(text, pos);
    if (len == 0) {
      if (word_start == end) word_start = pos;
      pos += DecodeUtf8(text, pos).size;
      continue;
    }
    if (pos + len > end) {  // a two-character separator cut by the next word
      len = DecodeUtf8(text, pos).size;
    }
    flush_word(pos);
    const std::string_view sep = text.substr(pos, len);
    units->push_back(
        {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + len),
         text::IsHardSeparator(sep) ? UnitKind::kHardSeparator : UnitKind::kSoftSeparator});
    pos += len;
  }
  flush_word(end);
}

}  // namespace

void SplitIntoUnits(std::string_view text, std::span<const text::Token> tokens,
                    std::vector<TextUnit>* units, std::vector<uint32_t>* token_units) {
  units->clear();
  token_units->clear();
  size_t pos = 0;
  for (const text::Token& token : tokens) {
    SplitGap(text, pos, token.byte_start, units);
    token_units->push_back(static_cast<uint32_t>(units->size()));
    units->push_back({token.byte_start, token.byte_start + token.byte_len, UnitKind::kWord});
    pos = token.byte_start + token.byte_len;
  }
  SplitGap(text, pos, text.size(), units);
}

}  // namespace myriad::format
