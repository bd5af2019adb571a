// Big-endian integer codecs: byte order is numeric order, so LMDB's default
// memcmp key order sorts integer keys numerically.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace myriad::storage {

inline void AppendU32BE(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
inline void AppendU64BE(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
// Signed values with the sign bit flipped, so negative numbers sort first.
inline void AppendI64BE(std::string& out, int64_t v) {
  AppendU64BE(out, static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
}

inline std::string EncodeU32BE(uint32_t v) {
  std::string s;
  AppendU32BE(s, v);
  return s;
}
inline std::string EncodeU64BE(uint64_t v) {
  std::string s;
  AppendU64BE(s, v);
  return s;
}

// Decoders return nullopt when `in` is too short; on success they consume the
// bytes they read from the front of `in`.
inline std::optional<uint32_t> ConsumeU32BE(std::string_view& in) {
  if (in.size() < 4) return std::nullopt;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(4);
  return v;
}
inline std::optional<uint64_t> ConsumeU64BE(std::string_view& in) {
  if (in.size() < 8) return std::nullopt;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(8);
  return v;
}
inline std::optional<int64_t> ConsumeI64BE(std::string_view& in) {
  auto u = ConsumeU64BE(in);
  if (!u) return std::nullopt;
  return static_cast<int64_t>(*u ^ (uint64_t{1} << 63));
}

}  // namespace myriad::storage
