// Splitting UTF-8 text into the units that typo distances count: one Unicode
// code point per valid sequence, one unit per byte that is not part of one
// (util/utf8.h decodes; this gives each invalid byte a code of its own).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace myriad::typo {

struct Utf8Unit {
  // The code point, or kInvalidUnitBase + byte for a byte that does not start a
  // valid sequence (so it equals no code point and only the same invalid byte).
  char32_t code = 0;
  // Byte offset just past this unit in the decoded text.
  uint32_t end = 0;
};

inline constexpr char32_t kInvalidUnitBase = 0x110000;

// Appends the units of `text` to `out` (cleared first). Overlong forms,
// surrogates and code points above U+10FFFF are invalid, byte by byte.
void DecodeUtf8Units(std::string_view text, std::vector<Utf8Unit>& out);

// The number of units of `text`, as DecodeUtf8Units would produce.
size_t CountUtf8Units(std::string_view text);

}  // namespace myriad::typo
