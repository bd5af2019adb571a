// bench_churn: 10,000 small indexes read round-robin.
//
// Ours: the mapper with the measured budget, where the fd limit, not the
// address space, bounds how many envs stay open. Baseline: the same mapper code
// held to Meilisearch's capacity of 18 open indexes (its 80 TiB budget / its
// index map size), expressed as 18 of what the mapper charges for these small
// indexes: their map plus vas::kEnvOverheadBytes.
//
// Two read patterns: all 10,000 indexes (more than the fds allow open, so a
// round-robin is LRU's worst case and misses for both), and a hot set of 5,000
// (fits ours after the first pass, still thrashes the baseline).
#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "index_mapper/index_mapper.h"
#include "index_mapper/map_sizing.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

using index_mapper::IndexMapper;

constexpr int kIndexes = 10'000;
constexpr int kHotSet = 5'000;
constexpr uint64_t kMeiliOpenIndexes = 18;
constexpr uint64_t kGoalOpen = 5'000;

std::string Uid(int i) { return "tenant" + std::to_string(i); }

std::unique_ptr<IndexMapper> OpenMapper(const std::string& root, const vas::AddressBudget& b) {
  return Must(IndexMapper::Open({.root = root, .budget = b, .no_sync = true}), "IndexMapper::Open");
}

struct Churn {
  double reads_per_second = 0;  // median over the passes after the first
  uint64_t max_open = 0;
  uint64_t evictions = 0;
  uint64_t misses = 0;
  uint64_t capacity = 0;  // Stats().max_open_envs: the fd / map-count bound
  uint64_t rss_kib = 0;   // VmRSS with the envs still open
};

// Open envs cost resident memory too (LMDB callocs a 2 MiB dirty-page list per
// writable env), which bounds how many can stay open on a small server.
uint64_t RssKiB() {
  // glibc keeps freed heap pages resident; without the trim the figure would
  // include what the previous mapper of this process freed.
  malloc_trim(0);
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

// Passes of Acquire + BeginRead + Get + drop over the first `count` indexes:
// `warmups` untimed, then `timed` ones whose median rate is reported.
Churn ReadRoundRobin(IndexMapper& mapper, int count, int warmups, int timed) {
  Churn c;
  const auto before = mapper.Stats();
  c.capacity = before.max_open_envs;
  std::vector<double> rates;
  for (int pass = 0; pass < warmups + timed; ++pass) {
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
      auto handle = Must(mapper.Acquire(Uid(i)), "Acquire");
      // The dbi of "documents" is cached by the env after its first open.
      auto db = Must(handle.OpenDatabase("documents", false), "OpenDatabase");
      auto txn = Must(handle.BeginRead(), "BeginRead");
      auto value = Must(txn->Get(db, "doc-1"), "Get");
      if (!value) Fail("doc-1 missing in " + Uid(i));
      DoNotOptimize(value);
      if (i % 64 == 0) c.max_open = std::max(c.max_open, mapper.Stats().open_envs);
    }
    const double seconds = SecondsSince(start);
    c.max_open = std::max(c.max_open, mapper.Stats().open_envs);
    if (pass >= warmups) rates.push_back(count / seconds);
  }
  c.reads_per_second = Median(rates);
  c.rss_kib = RssKiB();
  const auto after = mapper.Stats();
  c.evictions = after.evictions - before.evictions;
  c.misses = after.misses - before.misses;
  return c;
}

void Report(const char* label, const Churn& ours, const Churn& base, int count, int warmups,
            int timed) {
  std::printf("-- %s (%d indexes, %d warm-up and %d timed passes)\n", label, count, warmups, timed);
  PrintFigure("ours max open envs observed", static_cast<double>(ours.max_open), "envs");
  PrintFigure("ours open-env capacity (fds / map count)", static_cast<double>(ours.capacity),
              "envs");
  PrintFigure("baseline max open envs observed", static_cast<double>(base.max_open), "envs");
  PrintFigure("ours RSS with its envs open", static_cast<double>(ours.rss_kib) / 1024, "MiB");
  PrintFigure("baseline RSS with its envs open", static_cast<double>(base.rss_kib) / 1024, "MiB");
  PrintFigure("ours reads", ours.reads_per_second, "reads/s");
  PrintFigure("baseline (18 open) reads", base.reads_per_second, "reads/s");
  PrintFigure("ours evictions (warm-up included)", static_cast<double>(ours.evictions), "");
  PrintFigure("ours misses (warm-up included)", static_cast<double>(ours.misses), "");
  PrintFigure("baseline evictions (warm-up included)", static_cast<double>(base.evictions), "");
  PrintFigure("baseline misses (warm-up included)", static_cast<double>(base.misses), "");
  PrintRatio("reads/s", ours.reads_per_second, base.reads_per_second);
}

}  // namespace
}  // namespace myriad::bench

int main() {
  using namespace myriad;
  using namespace myriad::bench;
  PrintMachine("bench_churn: 10,000 small indexes, round-robin reads");

  auto measured = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace");
  const uint64_t fds = vas::RaiseFdLimit();
  auto budget = vas::PlanBudget(measured, vas::ReadProcessLimits(), std::nullopt);
  std::printf("budget: usable %s, fd soft limit %llu, vm.max_map_count %llu\n",
              FormatByteSize(budget.usable_bytes).c_str(), static_cast<unsigned long long>(fds),
              static_cast<unsigned long long>(budget.limits.max_map_count));
  TempDir dir;

  uint64_t largest_data = 0;
  const auto setup_start = Clock::now();
  {
    auto mapper = OpenMapper(dir.path(), budget);
    for (int i = 0; i < kIndexes; ++i) {
      Must(mapper->CreateIndex(Uid(i)), "CreateIndex");
      auto handle = Must(mapper->Acquire(Uid(i)), "Acquire");
      auto db = Must(handle.OpenDatabase("documents", true), "OpenDatabase");
      auto txn = Must(handle.BeginWrite(), "BeginWrite");
      Must(txn->Put(db, "doc-1", R"({"id":1,"title":"a small document"})"), "Put");
      Must(std::move(txn).Commit(), "Commit");
      largest_data = std::max(largest_data, Must(handle.Usage(), "Usage").used_bytes);
    }
  }
  const uint64_t small_map = index_mapper::MapSizeFor(largest_data, budget.max_map_bytes);
  std::printf("setup: %d indexes created and written in %.1f s, %s of data each, map %s\n",
              kIndexes, SecondsSince(setup_start), FormatByteSize(largest_data).c_str(),
              FormatByteSize(small_map).c_str());

  auto meili_budget = budget;
  meili_budget.usable_bytes = kMeiliOpenIndexes * (small_map + vas::kEnvOverheadBytes);
  meili_budget.overridden = true;

  // Every read of the full round-robin misses from the start (LRU's worst case),
  // so one pass is the steady state and warming up would only cost time; the hot
  // set needs one pass to open its envs.
  struct Pattern {
    const char* label;
    int count, warmups, timed;
  };
  for (const Pattern& p :
       {Pattern{"all indexes", kIndexes, 0, 1}, Pattern{"hot set", kHotSet, 1, 3}}) {
    // One mapper at a time over the root: LMDB forbids opening an env twice.
    Churn ours, base;
    {
      auto mapper = OpenMapper(dir.path(), budget);
      ours = ReadRoundRobin(*mapper, p.count, p.warmups, p.timed);
    }
    {
      auto mapper = OpenMapper(dir.path(), meili_budget);
      base = ReadRoundRobin(*mapper, p.count, p.warmups, p.timed);
    }
    Report(p.label, ours, base, p.count, p.warmups, p.timed);
    PrintGoal(">= 5,000 indexes open at once", ours.max_open >= kGoalOpen);
  }
  return 0;
}
