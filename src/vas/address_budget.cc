// PlanBudget and OpenCapacity from address_budget.h: arithmetic only.
#include "vas/address_budget.h"

#include <algorithm>

#include "util/byte_size.h"

namespace myriad::vas {
namespace {

// Fds that stay free for sockets, logs and update files.
constexpr uint64_t kReservedFds = 64;
// VMAs beyond those in use kept for the heap, thread stacks and libraries.
constexpr uint64_t kReservedMaps = 1024;

uint64_t SaturatingSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

}  // namespace

AddressBudget PlanBudget(const AddressMeasurement& m, const ProcessLimits& limits,
                         std::optional<uint64_t> override_bytes) {
  AddressBudget budget;
  budget.measurement = m;
  budget.limits = limits;
  const uint64_t margin = std::min(std::max(512 * kMiB, m.total_bytes / 8), m.total_bytes / 2);
  budget.usable_bytes = m.total_bytes - margin;
  if (override_bytes) {
    budget.usable_bytes = *override_bytes;
    budget.overridden = true;
  }
  budget.max_map_bytes = std::min(m.largest_hole_bytes, budget.usable_bytes);
  return budget;
}

uint64_t MaxOpenEnvs(const ProcessLimits& limits) {
  const uint64_t by_fds = SaturatingSub(limits.fd_limit, kReservedFds) / kFdsPerEnv;
  const uint64_t by_maps =
      SaturatingSub(limits.max_map_count, limits.maps_in_use + kReservedMaps) / kMapsPerEnv;
  return std::min(by_fds, by_maps);
}

uint64_t OpenCapacity(const AddressBudget& budget, uint64_t map_bytes) {
  if (map_bytes > budget.max_map_bytes) return 0;
  const uint64_t by_bytes = budget.usable_bytes / (map_bytes + kEnvOverheadBytes);
  return std::min(by_bytes, MaxOpenEnvs(budget.limits));
}

}  // namespace myriad::vas
