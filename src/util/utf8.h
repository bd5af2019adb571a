// The one UTF-8 decoder, for every module that walks text by code point (the
// tokenizer, typo distances, the filter grammar, highlighting and cropping).
//
// Ill-formed input is never rejected: a bad lead byte, a truncated or overlong
// sequence, a surrogate or a value above U+10FFFF decodes as kInvalidCodePoint
// and consumes exactly one byte, so a loop that advances by `size` always makes
// progress, stays inside the text and sees every byte. Each caller decides
// what an invalid byte means to it (a separator, U+FFFD, a unit of its own).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace myriad {

// Marks a byte that does not start a well-formed UTF-8 sequence; equal to no
// code point.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

struct Utf8Char {
  char32_t code;  // kInvalidCodePoint for an invalid byte
  size_t size;    // bytes consumed: 1 to 4, 1 for an invalid byte
};

// The character starting at text[pos].
// REQUIRES: pos < text.size()
inline Utf8Char DecodeUtf8(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  size_t size;
  char32_t code;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    size = 2, code = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    size = 3, code = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    size = 4, code = b0 & 0x07, min = 0x10000;
  } else {
    return {kInvalidCodePoint, 1};
  }
  if (pos + size > text.size()) return {kInvalidCodePoint, 1};
  for (size_t i = 1; i < size; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return {kInvalidCodePoint, 1};
    code = (code << 6) | (b & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return {kInvalidCodePoint, 1};
  }
  return {code, size};
}

// The number of characters DecodeUtf8 finds from `begin` while before `end`
// (a sequence that starts before `end` counts whole, even if it ends after).
// REQUIRES: begin <= end <= text.size()
inline size_t CountUtf8Chars(std::string_view text, size_t begin, size_t end) {
  size_t count = 0;
  while (begin < end) {
    begin += DecodeUtf8(text, begin).size;
    ++count;
  }
  return count;
}

inline size_t CountUtf8Chars(std::string_view text) { return CountUtf8Chars(text, 0, text.size()); }

}  // namespace myriad
