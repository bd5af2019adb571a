// bench_hit: the cost of IndexMapper::Acquire + release of an index already open.
//
// A hit should cost about what any lookup under a reader lock costs (contract
// 6), so the baseline is exactly that: std::shared_mutex lock_shared, an
// unordered_map find, unlock. Both run on 1 thread, on 2 threads sharing one
// index, and on 2 threads with an index each.
#include <atomic>
#include <barrier>
#include <memory>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "bench_util.h"
#include "index_mapper/index_mapper.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

using index_mapper::IndexMapper;

constexpr int kReps = 5;
constexpr uint64_t kIters = 2'000'000;
constexpr double kGoalNs = 200;

// Nanoseconds per op as each thread sees it: the median over kReps of the
// slowest thread's time for kIters ops, all threads started together.
template <typename Loop>
double NsPerOp(int threads, Loop&& loop) {
  std::vector<double> runs;
  for (int rep = 0; rep < kReps; ++rep) {
    std::barrier start(threads);
    std::vector<double> seconds(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        start.arrive_and_wait();
        const auto begin = Clock::now();
        loop(t);
        seconds[t] = SecondsSince(begin);
      });
    }
    for (auto& th : pool) th.join();
    runs.push_back(*std::max_element(seconds.begin(), seconds.end()));
  }
  return Median(std::move(runs)) * 1e9 / kIters;
}

struct Baseline {
  std::shared_mutex mu;
  std::unordered_map<std::string, std::shared_ptr<int>> map;
};

void BaselineLoop(Baseline& b, const std::string& uid) {
  for (uint64_t i = 0; i < kIters; ++i) {
    b.mu.lock_shared();
    auto it = b.map.find(uid);
    DoNotOptimize(it);
    b.mu.unlock_shared();
  }
}

void OursLoop(IndexMapper& mapper, const std::string& uid) {
  for (uint64_t i = 0; i < kIters; ++i) {
    auto handle = mapper.Acquire(uid);
    if (!handle.ok()) Fail("Acquire " + uid + ": " + handle.status().ToString());
    DoNotOptimize(handle);
  }
}

bool Compare(const std::string& label, double ours, double baseline) {
  std::printf("-- %s\n", label.c_str());
  PrintFigure("ours Acquire+release", ours, "ns/op");
  PrintFigure("baseline shared_mutex + unordered_map find", baseline, "ns/op");
  PrintRatio("ns/op", ours, baseline);
  return PrintGoal("ours under 200 ns per acquire+release", ours < kGoalNs);
}

}  // namespace
}  // namespace myriad::bench

int main() {
  using namespace myriad;
  using namespace myriad::bench;
  PrintMachine("bench_hit: acquire+release of an open index");

  auto measured = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace");
  vas::RaiseFdLimit();
  auto budget = vas::PlanBudget(measured, vas::ReadProcessLimits(), std::nullopt);
  TempDir dir;
  auto mapper =
      Must(index_mapper::IndexMapper::Open({.root = dir.path(), .budget = budget, .no_sync = true}),
           "IndexMapper::Open");
  // Short uids, as most are: both sides then compare without heap allocation.
  const std::vector<std::string> uids = {"movies", "books"};
  Baseline baseline;
  for (int i = 0; i < 100; ++i) baseline.map.emplace("filler" + std::to_string(i), nullptr);
  for (const auto& uid : uids) {
    Must(mapper->CreateIndex(uid), "CreateIndex");
    // The first acquire opens the env; every later one is a hit.
    Must(mapper->Acquire(uid), "Acquire");
    baseline.map.emplace(uid, std::make_shared<int>(0));
  }
  std::printf("iterations per thread: %llu, median of %d repetitions\n",
              static_cast<unsigned long long>(kIters), kReps);

  const uint64_t misses_before = mapper->Stats().misses;
  const double ours1 = NsPerOp(1, [&](int) { OursLoop(*mapper, uids[0]); });
  const double base1 = NsPerOp(1, [&](int) { BaselineLoop(baseline, uids[0]); });
  const double ours2s = NsPerOp(2, [&](int) { OursLoop(*mapper, uids[0]); });
  const double base2s = NsPerOp(2, [&](int) { BaselineLoop(baseline, uids[0]); });
  const double ours2o = NsPerOp(2, [&](int t) { OursLoop(*mapper, uids[t]); });
  const double base2o = NsPerOp(2, [&](int t) { BaselineLoop(baseline, uids[t]); });
  const uint64_t misses = mapper->Stats().misses - misses_before;

  Compare("1 thread", ours1, base1);
  Compare("2 threads, same index", ours2s, base2s);
  Compare("2 threads, one index each", ours2o, base2o);
  std::printf("  misses during the timed loops: %llu (must be 0)\n",
              static_cast<unsigned long long>(misses));
  return 0;
}
