// The wall clock for instants that are stored or shown to users (a task's
// enqueuedAt, an index's createdAt, a key's expiresAt check), so they all
// read the same clock in the same unit. Durations and deadlines use
// std::chrono::steady_clock instead, which the wall clock's jumps cannot skew.
//
// Thread safety: a pure read of the system clock.
#pragma once

#include <chrono>
#include <cstdint>

namespace myriad {

// Nanoseconds since the Unix epoch, UTC (util/rfc3339.h prints them).
inline int64_t WallClockNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace myriad
