#include "engine/search/typo/utf8_units.h"

namespace myriad::typo {
namespace {

// Decodes the sequence at text[pos]; returns its length in bytes, 0 if invalid.
size_t DecodeOne(std::string_view text, size_t pos, char32_t& code) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  size_t len = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    len = 2, code = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    len = 3, code = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    len = 4, code = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > text.size()) return 0;
  for (size_t i = 1; i < len; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return 0;
    code = (code << 6) | (b & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

void DecodeUtf8Units(std::string_view text, std::vector<Utf8Unit>& out) {
  out.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t code = 0;
    size_t len = DecodeOne(text, pos, code);
    if (len == 0) {
      code = kInvalidUnitBase + static_cast<unsigned char>(text[pos]);
      len = 1;
    }
    pos += len;
    out.push_back({code, static_cast<uint32_t>(pos)});
  }
}

size_t CountUtf8Units(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t code = 0;
    const size_t len = DecodeOne(text, pos, code);
    pos += len == 0 ? 1 : len;
    ++count;
  }
  return count;
}

}  // namespace myriad::typo
