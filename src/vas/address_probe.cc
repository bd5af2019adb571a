// MeasureAddressSpace and CanReserve from address_budget.h.
//
// The search: find the largest reservable size by halving from the top of the
// address space, then bisecting between the last size that fit and the first
// that did not; keep that range reserved so the next search finds the next
// hole, largest first. Reservations are PROT_NONE|MAP_NORESERVE: page tables
// and commit charge are untouched, so a probe costs a few microseconds.
#include <sys/mman.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "util/byte_size.h"
#include "vas/address_budget.h"
#include "vas/proc_files.h"

namespace myriad::vas {
namespace {

// 47-bit user space on x86-64; arm64 and 5-level paging are found by halving
// (smaller) or simply accepted (larger: 128 TiB is plenty).
constexpr uint64_t kTopBytes = uint64_t{1} << 47;
// Sizes are probed in whole MiB: finer precision buys nothing for LMDB maps.
constexpr uint64_t kGranule = kMiB;
// A bisection stops once the bracket is within 1/kPrecision of the size found.
constexpr uint64_t kPrecision = 256;
// Holes smaller than either bound end the search: they could not host a map.
constexpr uint64_t kMinHoleBytes = 64 * kMiB;
constexpr uint64_t kMinHoleFraction = 1024;
constexpr int kMaxHoles = 64;

struct Reservation {
  void* addr = nullptr;
  uint64_t bytes = 0;
  uint64_t too_big = 0;  // The smallest size seen not to fit.
};

class Prober {
 public:
  int probes() const { return probes_; }

  void* Reserve(uint64_t bytes) {
    ++probes_;
    void* p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
  }

  // The largest reservable size of at least `floor`, trying `try_bytes` first;
  // `known_bad` is a size known not to fit (or == try_bytes when none is known,
  // which accepts try_bytes as is). The range found stays reserved.
  // REQUIRES: try_bytes and floor are multiples of kGranule.
  std::optional<Reservation> FindHole(uint64_t try_bytes, uint64_t known_bad, uint64_t floor) {
    uint64_t good = try_bytes;
    uint64_t bad = std::max(known_bad, try_bytes);
    void* held = nullptr;
    while ((held = Reserve(good)) == nullptr) {
      bad = good;
      good = good / 2 / kGranule * kGranule;
      if (good < floor) {
        if (bad <= floor) return std::nullopt;
        good = floor;  // One last try at the smallest size worth having.
      }
    }
    while (bad - good > std::max(good / kPrecision, kGranule)) {
      const uint64_t mid = (good + bad) / 2 / kGranule * kGranule;
      if (mid <= good) break;
      // Release first: the held range sits inside the very hole being sized.
      if (held != nullptr) munmap(held, good);
      held = Reserve(mid);
      if (held != nullptr) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    if (held == nullptr) held = Reserve(good);
    // Another thread may have taken the range in between: then this hole is gone.
    if (held == nullptr) return std::nullopt;
    return Reservation{held, good, bad};
  }

 private:
  int probes_ = 0;
};

std::optional<uint64_t> SoftAddressLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return rl.rlim_cur;
}

}  // namespace

Result<AddressMeasurement> MeasureAddressSpace() {
  AddressMeasurement m;
  m.rlimit_as_bytes = SoftAddressLimit();
  const std::optional<uint64_t> vm_size = internal::ReadVmSizeBytes();
  if (!vm_size && m.rlimit_as_bytes) {
    return Status::IoError("cannot read VmSize from /proc/self/status to apply RLIMIT_AS");
  }
  m.mapped_bytes = vm_size.value_or(0);

  const auto start = std::chrono::steady_clock::now();
  Prober prober;
  std::vector<Reservation> holes;
  if (auto first = prober.FindHole(kTopBytes, kTopBytes, kGranule)) {
    holes.push_back(*first);
    const uint64_t floor =
        RoundUp(std::max(kMinHoleBytes, first->bytes / kMinHoleFraction), kGranule);
    // Reserving only shrinks what fits: each search starts from the last one's bracket.
    while (holes.size() < kMaxHoles) {
      const Reservation& last = holes.back();
      std::optional<Reservation> next = prober.FindHole(last.bytes, last.too_big, floor);
      if (!next) break;
      holes.push_back(*next);
    }
  }
  for (const Reservation& r : holes) {
    m.total_bytes += r.bytes;
    munmap(r.addr, r.bytes);
  }
  m.largest_hole_bytes = holes.empty() ? 0 : holes.front().bytes;
  m.probes = prober.probes();
  m.probe_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  if (m.rlimit_as_bytes) {
    const uint64_t room =
        *m.rlimit_as_bytes > m.mapped_bytes ? *m.rlimit_as_bytes - m.mapped_bytes : 0;
    m.largest_hole_bytes = std::min(m.largest_hole_bytes, room);
    m.total_bytes = std::min(m.total_bytes, room);
  }
  if (m.largest_hole_bytes == 0) {
    return Status::AddressSpaceExhausted("not even 1 MiB of address space can be reserved");
  }
  return m;
}

bool CanReserve(uint64_t bytes) {
  if (bytes == 0) return true;
  void* p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return false;
  munmap(p, bytes);
  return true;
}

}  // namespace myriad::vas
