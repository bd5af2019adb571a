#include "engine/search/typo/utf8_units.h"

#include "util/utf8.h"

namespace myriad::typo {

void DecodeUtf8Units(std::string_view text, std::vector<Utf8Unit>& out) {
  out.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    const Utf8Char c = DecodeUtf8(text, pos);
    const char32_t code = c.code != kInvalidCodePoint
                              ? c.code
                              : kInvalidUnitBase + static_cast<unsigned char>(text[pos]);
    pos += c.size;
    out.push_back({code, static_cast<uint32_t>(pos)});
  }
}

size_t CountUtf8Units(std::string_view text) { return CountUtf8Chars(text); }

}  // namespace myriad::typo
