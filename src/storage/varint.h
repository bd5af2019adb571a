// LEB128 varints, for the compact values of an index (positions, counts).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace myriad::storage {

inline void AppendVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads one varint from the front of `in`; nullopt when `in` ends first or the
// value overflows 32 bits.
inline std::optional<uint32_t> ConsumeVarint(std::string_view& in) {
  uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (in.empty()) return std::nullopt;
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    if (shift == 28 && (byte & 0x70) != 0) return std::nullopt;
    v |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  return std::nullopt;
}

}  // namespace myriad::storage
