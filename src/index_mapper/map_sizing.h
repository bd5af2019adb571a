// How big a map an index env gets: sized to its data, so that small indexes
// cost little address space and a database moves between machines.
//
// Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <cstdint>

#include "util/byte_size.h"

namespace myriad::index_mapper {

inline constexpr uint64_t kMinMapBytes = kMiB;

// Twice the bytes needed, rounded up to a MiB, within [kMinMapBytes, max_map].
// The result is below `needed` only when `needed` > max_map.
constexpr uint64_t MapSizeFor(uint64_t needed, uint64_t max_map) {
  const uint64_t doubled = needed > UINT64_MAX / 4 ? UINT64_MAX / 2 : 2 * needed;
  return std::min(std::max(RoundUp(doubled, kMiB), kMinMapBytes), max_map);
}

}  // namespace myriad::index_mapper
