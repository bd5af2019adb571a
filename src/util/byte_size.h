// Human byte sizes: "64MiB", "2TiB", "1.5GB", "4096".
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad {

inline constexpr uint64_t kKiB = uint64_t{1} << 10;
inline constexpr uint64_t kMiB = uint64_t{1} << 20;
inline constexpr uint64_t kGiB = uint64_t{1} << 30;
inline constexpr uint64_t kTiB = uint64_t{1} << 40;

// Accepts an unsigned number (fractions allowed with a unit) followed by an
// optional unit: B, KB/MB/GB/TB (powers of 1000), KiB/MiB/GiB/TiB (powers of 1024),
// case-insensitive, spaces around the unit allowed.
Result<uint64_t> ParseByteSize(std::string_view text);

// "86.2 TiB", "64 MiB", "512 B": for messages, not for parsing back.
std::string FormatByteSize(uint64_t bytes);

// Rounds `n` up to a multiple of `unit`. REQUIRES: unit > 0.
constexpr uint64_t RoundUp(uint64_t n, uint64_t unit) { return (n + unit - 1) / unit * unit; }

}  // namespace myriad
