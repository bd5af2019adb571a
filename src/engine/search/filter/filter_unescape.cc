#include "engine/search/filter/filter_unescape.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/search/filter/filter_chars.h"

namespace myriad::filter {
namespace {

// Rust's `from_str_radix` for an unsigned type whose maximum is `max`: an
// optional leading '+', then at least one digit of the radix, no overflow.
std::optional<uint32_t> ParseRadix(const std::vector<char32_t>& digits, uint32_t radix,
                                   uint32_t max) {
  std::size_t i = 0;
  if (!digits.empty() && digits[0] == U'+') i = 1;
  if (i == digits.size()) return std::nullopt;
  uint64_t value = 0;
  for (; i < digits.size(); ++i) {
    const char32_t c = digits[i];
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'z') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'Z') {
      d = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (d >= radix) return std::nullopt;
    value = value * radix + d;
    if (value > max) return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

bool IsOctalDigit(char32_t c) { return c >= '0' && c <= '7'; }

}  // namespace

UnescapeStatus UnescapeValue(std::string_view text, std::string* out) {
  std::vector<char32_t> chars;
  chars.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const Utf8Char d = DecodeRustChar(text, pos);
    chars.push_back(d.code);
    pos += d.size;
  }
  out->clear();
  std::size_t i = 0;
  const std::size_t n = chars.size();
  while (i < n) {
    const char32_t c = chars[i++];
    if (c != U'\\') {
      AppendUtf8(c, out);
      continue;
    }
    if (i == n) return UnescapeStatus::kIncomplete;
    const char32_t e = chars[i++];
    char32_t result;
    switch (e) {
      case U'b':
        result = 0x08;
        break;
      case U'f':
        result = 0x0C;
        break;
      case U'n':
        result = U'\n';
        break;
      case U'r':
        result = U'\r';
        break;
      case U't':
        result = U'\t';
        break;
      case U'v':
        result = 0x0B;
        break;
      case U'\'':
      case U'"':
      case U'\\':
      case U'/':
        result = e;
        break;
      case U'u': {
        if (i == n) return UnescapeStatus::kIncomplete;
        std::vector<char32_t> digits;
        if (chars[i] == U'{') {
          // The closing brace is optional: the digits run to it or to the end.
          ++i;
          while (i < n && chars[i] != U'}') digits.push_back(chars[i++]);
          if (i < n) ++i;
        } else {
          if (n - i < 4) return UnescapeStatus::kIncomplete;
          digits.assign(chars.begin() + i, chars.begin() + i + 4);
          i += 4;
        }
        const std::optional<uint32_t> code = ParseRadix(digits, 16, UINT32_MAX);
        if (!code) return UnescapeStatus::kInvalidNumber;
        if (*code > 0x10FFFF || (*code >= 0xD800 && *code <= 0xDFFF)) {
          return UnescapeStatus::kInvalidChar;
        }
        result = *code;
        break;
      }
      case U'x': {
        if (n - i < 2) return UnescapeStatus::kIncomplete;
        const std::vector<char32_t> digits(chars.begin() + i, chars.begin() + i + 2);
        i += 2;
        const std::optional<uint32_t> byte = ParseRadix(digits, 16, 0xFF);
        if (!byte) return UnescapeStatus::kInvalidNumber;
        result = *byte;
        break;
      }
      default: {
        std::size_t extra;
        if (e >= '0' && e <= '3') {
          extra = 2;
        } else if (e >= '4' && e <= '7') {
          extra = 1;
        } else {
          return UnescapeStatus::kInvalidChar;
        }
        uint32_t value = e - '0';
        for (; extra > 0 && i < n && IsOctalDigit(chars[i]); --extra)
          value = value * 8 + (chars[i++] - '0');
        result = value;
      }
    }
    AppendUtf8(result, out);
  }
  return UnescapeStatus::kOk;
}

}  // namespace myriad::filter
