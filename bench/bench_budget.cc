// bench_budget: how long measuring the address space takes.
//
// Ours: vas::MeasureAddressSpace(), PROT_NONE reservations (largest hole, then
// the next, ...). Baseline: Meilisearch's index budget, which opens a real LMDB
// env at 80 TiB and, when that fails, searches the largest map that opens by
// halving then bisecting, each probe a full env open and close.
//
// Without RLIMIT_AS both usually succeed at once on a 47-bit machine, so the
// same pair also runs in a child limited to 4 GiB, where both have to search.
#include <sys/resource.h>
#include <sys/wait.h>

#include <cinttypes>

#include "bench_util.h"
#include "util/byte_size.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

constexpr int kReps = 20;
constexpr uint64_t kMeiliBudget = 80 * kTiB;
// Meilisearch bisects to the byte; a GiB is all a budget needs and keeps the
// baseline's probe count honest rather than inflated.
constexpr uint64_t kBaselinePrecision = kGiB;

struct SearchResult {
  uint64_t bytes = 0;
  int probes = 0;
};

// One probe as Meilisearch's is_good_heed does it: a whole env open and close.
bool EnvOpens(const std::string& dir, uint64_t map_size) {
  MDB_env* env = nullptr;
  MustLmdb(mdb_env_create(&env), "mdb_env_create");
  bool ok = mdb_env_set_mapsize(env, map_size) == 0 &&
            mdb_env_open(env, dir.c_str(), MDB_NOTLS | MDB_NOSYNC, 0644) == 0;
  mdb_env_close(env);
  return ok;
}

// Meilisearch's dichotomic_search, started at the default budget: double while
// good (never beyond the default), halve while bad, then bisect.
SearchResult BaselineSearch(const std::string& dir) {
  SearchResult r;
  ++r.probes;
  if (EnvOpens(dir, kMeiliBudget)) {
    r.bytes = kMeiliBudget;
    return r;
  }
  uint64_t good = 0;
  uint64_t bad = kMeiliBudget;
  uint64_t current = kMeiliBudget / 2;
  while (good == 0 && current >= kGiB) {
    ++r.probes;
    if (EnvOpens(dir, current)) {
      good = current;
    } else {
      bad = current;
      current /= 2;
    }
  }
  if (good == 0) return r;
  while (bad - good > kBaselinePrecision) {
    const uint64_t mid = good + (bad - good) / 2;
    ++r.probes;
    if (EnvOpens(dir, mid)) {
      good = mid;
    } else {
      bad = mid;
    }
  }
  r.bytes = good;
  return r;
}

void RunPair(const char* label) {
  std::printf("-- %s\n", label);
  rlimit rl{};
  getrlimit(RLIMIT_AS, &rl);
  if (rl.rlim_cur == RLIM_INFINITY) {
    std::printf("  RLIMIT_AS: unlimited\n");
  } else {
    std::printf("  RLIMIT_AS: %s\n", FormatByteSize(rl.rlim_cur).c_str());
  }

  vas::AddressMeasurement last;
  const double ours =
      MedianSeconds(kReps, [&] { last = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace"); });

  TempDir dir;
  // The probe env exists before the search, as Meilisearch's tasks env does.
  if (!EnvOpens(dir.path(), 64 * kMiB)) Fail("cannot open the probe env in " + dir.path());
  SearchResult found;
  const double baseline = MedianSeconds(kReps, [&] { found = BaselineSearch(dir.path()); });

  std::printf("  ours:     largest hole %s, total %s, %d probes\n",
              FormatByteSize(last.largest_hole_bytes).c_str(),
              FormatByteSize(last.total_bytes).c_str(), last.probes);
  std::printf("  baseline: largest env map %s, %d probes (env open+close each)\n",
              FormatByteSize(found.bytes).c_str(), found.probes);
  PrintFigure("ours MeasureAddressSpace (median of 20)", ours * 1e3, "ms");
  PrintFigure("baseline LMDB env-open dichotomic search (median of 20)", baseline * 1e3, "ms");
  PrintFigure("ours probes", last.probes, "mmap calls");
  PrintFigure("baseline probes", found.probes, "env opens");
  PrintRatio("time", ours, baseline);
  PrintGoal("ours under 2 ms", ours < 2e-3);
}

}  // namespace
}  // namespace myriad::bench

int main() {
  using namespace myriad::bench;
  PrintMachine("bench_budget: address-space measurement vs LMDB env-open search");
  RunPair("no RLIMIT_AS (this process)");
  std::fflush(stdout);

  const pid_t child = fork();
  if (child < 0) Fail("fork");
  if (child == 0) {
    rlimit rl{};
    rl.rlim_cur = rl.rlim_max = 4 * myriad::kGiB;
    if (setrlimit(RLIMIT_AS, &rl) != 0) Fail("setrlimit RLIMIT_AS");
    RunPair("child under RLIMIT_AS 4 GiB");
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) Fail("the RLIMIT_AS child failed");
  return 0;
}
