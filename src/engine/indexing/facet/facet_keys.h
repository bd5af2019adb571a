// The key space of an index's facet databases (FacetDbs): their names and key
// encodings. Integers are big-endian so byte order is numeric order.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/key_codec.h"

namespace myriad::facet {

// u16 BE field id + normalized string -> Roaring bitmap of the documents whose
// field holds that string (filterable or sortable fields).
inline constexpr std::string_view kFacetStrings = "facet_strings";
// u16 BE field id + normalized string -> the first original spelling seen.
inline constexpr std::string_view kFacetOriginals = "facet_originals";
// u16 BE field id + EncodeOrderedDouble(value) -> Roaring bitmap.
inline constexpr std::string_view kFacetNumbers = "facet_numbers";
// u16 BE field id + one FacetFlag byte -> Roaring bitmap.
inline constexpr std::string_view kFacetFlags = "facet_flags";

enum class FacetFlag : uint8_t { kExists = 0, kNull = 1, kEmpty = 2 };

inline std::string FieldKey(uint16_t fid, std::string_view rest = {}) {
  std::string key;
  key.push_back(static_cast<char>(fid >> 8));
  key.push_back(static_cast<char>(fid & 0xFF));
  key.append(rest);
  return key;
}

// Doubles in an 8-byte form whose byte order is numeric order (-0.0 == 0.0).
inline std::string EncodeOrderedDouble(double d) {
  if (d == 0) d = 0;  // one key for -0.0 and 0.0
  uint64_t bits = std::bit_cast<uint64_t>(d);
  bits = (bits & (uint64_t{1} << 63)) != 0 ? ~bits : bits | (uint64_t{1} << 63);
  return storage::EncodeU64BE(bits);
}
inline double DecodeOrderedDouble(uint64_t bits) {
  bits = (bits & (uint64_t{1} << 63)) != 0 ? bits & ~(uint64_t{1} << 63) : ~bits;
  return std::bit_cast<double>(bits);
}

}  // namespace myriad::facet
