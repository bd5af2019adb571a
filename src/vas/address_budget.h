// The virtual address space this process can still map, measured, and the
// budget the index mapper spends on LMDB maps.
//
// Why measure: a memory map needs a contiguous range of virtual addresses, and
// how much there is depends on the CPU (47-bit x86-64, 39-bit arm64 boards),
// RLIMIT_AS (`ulimit -v`), and what the process already maps. Probing with
// PROT_NONE|MAP_NORESERVE reservations costs no memory and no commit charge, and
// is the only authoritative answer (/proc/self/maps does not see RLIMIT_AS).
//
// Thread safety: all functions may be called from any thread. A measurement
// briefly holds the address space it probes, so other threads' maps may fail
// during it: measure at start-up, before the server's threads run.
#pragma once

#include <cstdint>
#include <optional>

#include "util/result.h"

namespace myriad::vas {

struct AddressMeasurement {
  // The largest single range that could be reserved: bounds one env's map.
  uint64_t largest_hole_bytes = 0;
  // The sum of the ranges reserved one after another, largest first: what many
  // envs can use together. Capped by rlimit_as_bytes - mapped_bytes.
  uint64_t total_bytes = 0;
  // RLIMIT_AS (soft), or nullopt when unlimited.
  std::optional<uint64_t> rlimit_as_bytes;
  // What the process mapped when measured (VmSize).
  uint64_t mapped_bytes = 0;
  int probes = 0;  // mmap calls made
  double probe_ms = 0;
};

// Process limits that also bound how many envs can be open at once.
struct ProcessLimits {
  uint64_t fd_limit = 0;       // soft RLIMIT_NOFILE (after RaiseFdLimit, the hard one)
  uint64_t max_map_count = 0;  // vm.max_map_count
  uint64_t maps_in_use = 0;    // lines of /proc/self/maps when read
};

struct AddressBudget {
  AddressMeasurement measurement;
  ProcessLimits limits;
  // What the index mapper may charge for open maps: total minus a margin for
  // the heap, thread stacks and libraries, or the operator's override.
  uint64_t usable_bytes = 0;
  // The largest map one env may have: min(largest hole, usable).
  uint64_t max_map_bytes = 0;
  bool overridden = false;
};

// Reserves and releases PROT_NONE ranges to find the largest hole and the total.
Result<AddressMeasurement> MeasureAddressSpace();

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit in force.
uint64_t RaiseFdLimit();

// Reads the fd limit, vm.max_map_count and the maps in use now.
ProcessLimits ReadProcessLimits();

// The usable budget: total minus max(512 MiB, total / 8), never more than half
// of it kept as margin; `override_bytes` replaces it when set.
AddressBudget PlanBudget(const AddressMeasurement& m, const ProcessLimits& limits,
                         std::optional<uint64_t> override_bytes);

// What one open writable LMDB env costs besides its map. At open, LMDB
// allocates a 2 MiB dirty-page list and a 1 MiB free-page list, and maps its
// lock file: measured, an env with a 1 MiB map adds 4,184 KiB of VmSize and 3
// VMAs. Under a 4 GiB RLIMIT_AS that overhead, not the maps, is what runs out.
inline constexpr uint64_t kEnvOverheadBytes = (3 << 20) + (256 << 10);
inline constexpr uint64_t kFdsPerEnv = 3;   // data file, lock file, O_DSYNC meta handle
inline constexpr uint64_t kMapsPerEnv = 4;  // data, lock, dirty list, one spare

// How many envs with maps of `map_bytes` could be open at once, every limit
// considered: usable bytes (map plus kEnvOverheadBytes each), kFdsPerEnv fds
// each (keeping 64 for sockets and files), kMapsPerEnv VMAs each (keeping the
// maps in use plus 1,024). 0 when one map does not fit in max_map_bytes.
uint64_t OpenCapacity(const AddressBudget& budget, uint64_t map_bytes);

// How many envs the fd and VMA limits alone allow open at once.
uint64_t MaxOpenEnvs(const ProcessLimits& limits);

// True when a PROT_NONE range of `bytes` can be reserved right now (it is
// released before returning): the pre-probe before growing or opening a map.
bool CanReserve(uint64_t bytes);

}  // namespace myriad::vas
