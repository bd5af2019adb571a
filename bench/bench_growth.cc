// bench_growth: growing an env's map from 1 MiB past 1 GiB, doubling each step,
// with the data written in between filling half of each map.
//
// Ours: IndexMapper::EnsureRoom, which remaps in place (mdb_env_set_mapsize)
// under the env's gate. Baseline: what Meilisearch does on MDB_MAP_FULL, closing
// the env and opening it again with the bigger map (and reopening its database
// handle, which a reopened env needs). Only the growth operations are timed; the
// baseline grows through exactly the sizes ours chose.
#include <string>
#include <vector>

#include "bench_util.h"
#include "index_mapper/index_mapper.h"
#include "index_mapper/map_sizing.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

using index_mapper::IndexMapper;

constexpr int kReps = 3;
constexpr uint64_t kTargetMap = kGiB;
// Just under a 4 KiB page with its overflow header: one page per value.
constexpr size_t kValueBytes = 4000;

std::string Key(uint64_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(n));
  return buf;
}

// EnsureRoom asks for used + bytes + bytes/8; this is the smallest request that
// exceeds the map by a byte, so the map doubles (plus the MiB it rounds up to).
uint64_t BytesToDouble(uint64_t used, uint64_t map) { return (map + 1 - used) * 8 / 9 + 16; }

struct Growth {
  double seconds = 0;
  std::vector<uint64_t> sizes;  // the map after each growth
};

Growth Ours(const vas::AddressBudget& budget, const std::string& value) {
  TempDir dir;
  auto mapper = Must(IndexMapper::Open({.root = dir.path(), .budget = budget, .no_sync = true}),
                     "IndexMapper::Open");
  Must(mapper->CreateIndex("grow"), "CreateIndex");
  auto handle = Must(mapper->Acquire("grow"), "Acquire");
  auto db = Must(handle.OpenDatabase("documents", true), "OpenDatabase");
  Growth g;
  uint64_t next_key = 0;
  for (;;) {
    auto usage = Must(handle.Usage(), "Usage");
    if (usage.map_size >= kTargetMap) break;
    {
      auto txn = Must(handle.BeginWrite(), "BeginWrite");
      for (uint64_t used = usage.used_bytes; used < usage.map_size / 2; used += 4096) {
        Must(txn->Put(db, Key(next_key++), value), "Put");
      }
      Must(std::move(txn).Commit(), "Commit");
    }
    usage = Must(handle.Usage(), "Usage");
    const auto start = Clock::now();
    Must(mapper->EnsureRoom(handle, BytesToDouble(usage.used_bytes, usage.map_size)), "EnsureRoom");
    g.seconds += SecondsSince(start);
    const uint64_t grown = Must(handle.Usage(), "Usage").map_size;
    if (grown <= usage.map_size) Fail("EnsureRoom did not grow the map");
    g.sizes.push_back(grown);
  }
  return g;
}

struct RawEnv {
  MDB_env* env = nullptr;
  MDB_dbi dbi = 0;
};

// Opens as the mapper does (and as a reopen after close must): NOTLS, same
// limits, then the named database.
RawEnv OpenRaw(const std::string& dir, uint64_t map_size) {
  RawEnv r;
  MustLmdb(mdb_env_create(&r.env), "mdb_env_create");
  MustLmdb(mdb_env_set_mapsize(r.env, map_size), "mdb_env_set_mapsize");
  MustLmdb(mdb_env_set_maxdbs(r.env, 64), "mdb_env_set_maxdbs");
  MustLmdb(mdb_env_set_maxreaders(r.env, 1024), "mdb_env_set_maxreaders");
  MustLmdb(mdb_env_open(r.env, dir.c_str(), MDB_NOTLS | MDB_NOSYNC, 0644), "mdb_env_open");
  MDB_txn* txn = nullptr;
  MustLmdb(mdb_txn_begin(r.env, nullptr, 0, &txn), "mdb_txn_begin");
  MustLmdb(mdb_dbi_open(txn, "documents", MDB_CREATE, &r.dbi), "mdb_dbi_open");
  MustLmdb(mdb_txn_commit(txn), "mdb_txn_commit");
  return r;
}

uint64_t RawUsed(MDB_env* env) {
  MDB_envinfo info;
  MDB_stat stat;
  MustLmdb(mdb_env_info(env, &info), "mdb_env_info");
  MustLmdb(mdb_env_stat(env, &stat), "mdb_env_stat");
  return (info.me_last_pgno + 1) * uint64_t{stat.ms_psize};
}

struct BaselineGrowth {
  double seconds = 0;
  double close_seconds = 0;  // of which mdb_env_close
};

BaselineGrowth Baseline(const std::vector<uint64_t>& sizes, const std::string& value) {
  TempDir dir;
  RawEnv r = OpenRaw(dir.path(), index_mapper::kMinMapBytes);
  uint64_t map = index_mapper::kMinMapBytes;
  uint64_t next_key = 0;
  BaselineGrowth g;
  for (uint64_t size : sizes) {
    MDB_txn* txn = nullptr;
    MustLmdb(mdb_txn_begin(r.env, nullptr, 0, &txn), "mdb_txn_begin");
    for (uint64_t used = RawUsed(r.env); used < map / 2; used += 4096) {
      const std::string key = Key(next_key++);
      MDB_val k{key.size(), const_cast<char*>(key.data())};
      MDB_val v{value.size(), const_cast<char*>(value.data())};
      MustLmdb(mdb_put(txn, r.dbi, &k, &v, 0), "mdb_put");
    }
    MustLmdb(mdb_txn_commit(txn), "mdb_txn_commit");
    const auto start = Clock::now();
    mdb_env_close(r.env);
    g.close_seconds += SecondsSince(start);
    r = OpenRaw(dir.path(), size);
    g.seconds += SecondsSince(start);
    map = size;
  }
  mdb_env_close(r.env);
  return g;
}

}  // namespace
}  // namespace myriad::bench

int main() {
  using namespace myriad;
  using namespace myriad::bench;
  PrintMachine("bench_growth: in-place map growth vs close-and-reopen");

  auto measured = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace");
  vas::RaiseFdLimit();
  auto budget = vas::PlanBudget(measured, vas::ReadProcessLimits(), std::nullopt);
  const std::string value(kValueBytes, 'v');

  std::vector<double> ours_runs, base_runs, close_runs;
  std::vector<uint64_t> sizes;
  for (int rep = 0; rep < kReps; ++rep) {
    Growth g = Ours(budget, value);
    ours_runs.push_back(g.seconds);
    sizes = g.sizes;
    const BaselineGrowth b = Baseline(g.sizes, value);
    base_runs.push_back(b.seconds);
    close_runs.push_back(b.close_seconds);
  }
  std::printf("map sizes (MiB): 1");
  for (uint64_t s : sizes) std::printf(" -> %llu", static_cast<unsigned long long>(s / kMiB));
  std::printf(
      "\n%zu growths per run, each after filling half the map with %zu-byte values; "
      "median of %d runs\n",
      sizes.size(), kValueBytes, kReps);
  const double ours = Median(ours_runs) * 1e3;
  const double base = Median(base_runs) * 1e3;
  PrintFigure("ours EnsureRoom (remap in place), total", ours, "ms");
  PrintFigure("baseline close + reopen + dbi open, total", base, "ms");
  PrintFigure("  of which mdb_env_close", Median(close_runs) * 1e3, "ms");
  PrintFigure("ours per growth", ours / static_cast<double>(sizes.size()), "ms");
  PrintFigure("baseline per growth", base / static_cast<double>(sizes.size()), "ms");
  PrintRatio("total growth time", ours, base);
  PrintGoal("ours faster than close-and-reopen (ratio < 1)", ours < base);
  return 0;
}
