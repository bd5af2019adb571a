// RaiseFdLimit and ReadProcessLimits from address_budget.h.
#include <sys/resource.h>

#include "vas/address_budget.h"
#include "vas/proc_files.h"

namespace myriad::vas {
namespace {

// What Linux uses when /proc/sys/vm/max_map_count cannot be read.
constexpr uint64_t kDefaultMaxMapCount = 65530;

uint64_t SoftFdLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 0;
  return rl.rlim_cur;
}

}  // namespace

uint64_t RaiseFdLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 0;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0 && rl.rlim_max == RLIM_INFINITY) {
      // Linux refuses an infinite soft limit above fs.nr_open; that is the real ceiling.
      if (auto nr_open = internal::ReadUintFile("/proc/sys/fs/nr_open")) {
        raised.rlim_cur = *nr_open;
        (void)setrlimit(RLIMIT_NOFILE, &raised);
      }
    }
  }
  return SoftFdLimit();
}

ProcessLimits ReadProcessLimits() {
  ProcessLimits limits;
  limits.fd_limit = SoftFdLimit();
  limits.max_map_count =
      internal::ReadUintFile("/proc/sys/vm/max_map_count").value_or(kDefaultMaxMapCount);
  limits.maps_in_use = internal::CountLines("/proc/self/maps").value_or(0);
  return limits;
}

}  // namespace myriad::vas
