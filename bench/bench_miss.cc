// bench_miss: acquiring a closed index and taking its first read txn.
//
// The budget holds two envs with 1 MiB maps, and the indexes are read round-robin, so
// every acquire misses: it evicts (closes) the least recently used env and opens
// the wanted one. The baseline is the bare LMDB work of a miss over the same
// directories: create, set_mapsize, open, read txn, abort, close. The ratio is
// the price of the mapper's bookkeeping on top of LMDB.
#include <cinttypes>
#include <string>
#include <vector>

#include "bench_util.h"
#include "index_mapper/index_mapper.h"
#include "index_mapper/map_sizing.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

using index_mapper::IndexMapper;
using index_mapper::kMinMapBytes;

constexpr int kIndexes = 2'000;
constexpr int kReps = 7;
constexpr double kGoalRatio = 1.2;

std::string Uid(int i) { return "idx" + std::to_string(i); }

std::unique_ptr<IndexMapper> OpenMapper(const std::string& root, const vas::AddressBudget& b) {
  return Must(IndexMapper::Open({.root = root, .budget = b, .no_sync = true}), "IndexMapper::Open");
}

// Seconds per miss over one round-robin pass.
double OursPass(IndexMapper& mapper) {
  const uint64_t misses_before = mapper.Stats().misses;
  const auto start = Clock::now();
  for (int i = 0; i < kIndexes; ++i) {
    auto handle = Must(mapper.Acquire(Uid(i)), "Acquire");
    auto txn = Must(handle.BeginRead(), "BeginRead");
    DoNotOptimize(txn);
  }
  const double seconds = SecondsSince(start);
  if (mapper.Stats().misses - misses_before != kIndexes) Fail("an acquire was a hit, not a miss");
  return seconds / kIndexes;
}

// The same as a miss, with the settings the mapper opens envs with.
double BaselinePass(const std::vector<std::string>& dirs) {
  const auto start = Clock::now();
  for (const auto& dir : dirs) {
    MDB_env* env = nullptr;
    MustLmdb(mdb_env_create(&env), "mdb_env_create");
    MustLmdb(mdb_env_set_mapsize(env, kMinMapBytes), "mdb_env_set_mapsize");
    MustLmdb(mdb_env_set_maxdbs(env, 64), "mdb_env_set_maxdbs");
    MustLmdb(mdb_env_set_maxreaders(env, 1024), "mdb_env_set_maxreaders");
    MustLmdb(mdb_env_open(env, dir.c_str(), MDB_NOTLS | MDB_NOSYNC, 0644), "mdb_env_open");
    MDB_txn* txn = nullptr;
    MustLmdb(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "mdb_txn_begin");
    mdb_txn_abort(txn);
    mdb_env_close(env);
  }
  return SecondsSince(start) / static_cast<double>(dirs.size());
}

}  // namespace
}  // namespace myriad::bench

int main() {
  using namespace myriad;
  using namespace myriad::bench;
  PrintMachine("bench_miss: acquire of a closed index + first read txn");

  auto measured = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace");
  vas::RaiseFdLimit();
  // Room for exactly two open envs: each is charged its map plus LMDB's own allocations.
  auto budget = vas::PlanBudget(measured, vas::ReadProcessLimits(),
                                2 * (kMinMapBytes + vas::kEnvOverheadBytes));
  TempDir dir;

  std::vector<std::string> dirs;
  uint64_t largest_data = 0;
  {
    auto mapper = OpenMapper(dir.path(), budget);
    for (int i = 0; i < kIndexes; ++i) {
      auto meta = Must(mapper->CreateIndex(Uid(i)), "CreateIndex");
      auto handle = Must(mapper->Acquire(Uid(i)), "Acquire");
      auto db = Must(handle.OpenDatabase("documents", true), "OpenDatabase");
      auto txn = Must(handle.BeginWrite(), "BeginWrite");
      Must(txn->Put(db, "doc-1", R"({"id":1,"title":"a small document"})"), "Put");
      Must(std::move(txn).Commit(), "Commit");
      dirs.push_back(dir.path() + "/indexes/" + meta.uuid);
      largest_data = std::max(largest_data, Must(handle.Usage(), "Usage").used_bytes);
    }
  }
  if (index_mapper::MapSizeFor(largest_data, budget.max_map_bytes) != kMinMapBytes) {
    Fail("the indexes are larger than expected: their maps would not be 1 MiB");
  }
  std::printf("%d indexes of %s data, maps of %s, budget %s: every acquire misses\n", kIndexes,
              FormatByteSize(largest_data).c_str(), FormatByteSize(kMinMapBytes).c_str(),
              FormatByteSize(budget.usable_bytes).c_str());
  std::printf("median of %d passes over all indexes, ours and baseline alternating\n", kReps);

  std::vector<double> ours_runs, base_runs;
  uint64_t evictions = 0;
  for (int rep = 0; rep < kReps; ++rep) {
    {
      // The mapper closes every env before the baseline opens them: LMDB forbids
      // opening one env twice in a process.
      auto mapper = OpenMapper(dir.path(), budget);
      ours_runs.push_back(OursPass(*mapper));
      evictions += mapper->Stats().evictions;
    }
    base_runs.push_back(BaselinePass(dirs));
  }
  const double ours = Median(ours_runs) * 1e6;
  const double base = Median(base_runs) * 1e6;
  PrintFigure("ours Acquire (miss) + BeginRead + drop", ours, "us/op");
  PrintFigure("baseline env create+open+rdtxn+abort+close", base, "us/op");
  PrintFigure("ours evictions per pass", static_cast<double>(evictions) / kReps, "");
  PrintRatio("us/op", ours, base);
  PrintGoal("ratio <= 1.2", ours / base <= kGoalRatio);
  return 0;
}
