#include "engine/search/format/word_match.h"

#include <unicode/uchar.h>

#include "util/utf8.h"

namespace myriad::format {
namespace {

bool IsCombiningMark(char32_t cp) {
  if (cp < 0x300) return false;  // fast path: nothing below U+0300 combines
  if (cp == kInvalidCodePoint) return false;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

}  // namespace

uint32_t OriginalPrefixBytes(std::string_view original, size_t normalized_chars) {
  size_t pos = 0;
  size_t chars = 0;
  while (pos < original.size()) {
    const Utf8Char c = DecodeUtf8(original, pos);
    if (!IsCombiningMark(c.code)) {
      if (chars == normalized_chars) break;
      ++chars;
    }
    pos += c.size;
  }
  return static_cast<uint32_t>(pos);
}

}  // namespace myriad::format
