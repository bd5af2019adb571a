// bench_ingest_growth: ingesting the whole corpus into an index whose map starts
// at the minimum vs one whose map starts large (issue 6, "Growth": time ratio,
// goal <= 1.05; writes replayed after MDB_MAP_FULL, goal 0).
//
// The path: in process, through the Scheduler, as the server's document
// additions take it once the HTTP layer has registered the task (IndexMapper,
// TaskStore and UpdateFiles opened as `myriad serve` opens them, durable, with
// the budget measured the same way). HTTP would only add receiving and counting
// the payload, which does not depend on the map size, plus noise; in process the
// benchmark reads the mapper's growth count and the scheduler's replay count
// directly instead of from a log.
//
// The corpus is split into kPayloads NDJSON payloads (like bench/search.sh),
// registered at once as documentAdditionOrUpdate tasks on one fresh index; a
// run is timed from the first registration to the last task's success. Each
// run starts from an empty data directory and a fresh scheduler (so the room
// estimator learns from nothing), and the sides alternate kReps times (a b, then
// b a, ...):
//   (a) the index is created and opened as a new index is: its map starts at
//       kMinMapBytes and grows through the scheduler's EnsureRoom calls;
//   (b) before the first task, the benchmark itself asks EnsureRoom for enough
//       room that the map is kLargeMapBytes (64 GiB), so no write needs growth.
// On both sides the benchmark holds a handle on the index for the whole run (a
// pinned env is never closed, so (b) keeps its large map; nothing would evict a
// lone index anyway). Starting large needs no option of its own: EnsureRoom is
// the mapper's public API. Growths counted are those during the run (b's own
// pre-growth excluded).
//
// Usage: bench_ingest_growth [corpus.ndjson.zst] (default: the shared dataset;
// needs `zstd` on PATH, decompressed into memory). Run by hand (bench/run_all.sh).
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "index_mapper/index_mapper.h"
#include "index_mapper/map_sizing.h"
#include "scheduler/scheduler.h"
#include "scheduler/task_store.h"
#include "scheduler/update_files.h"
#include "vas/address_budget.h"

namespace myriad::bench {
namespace {

using scheduler::Task;
using scheduler::TaskKind;
using scheduler::TaskStatus;

constexpr int kReps = 5;
constexpr size_t kPayloads = 64;
constexpr uint64_t kLargeMapBytes = 64 * kGiB;
constexpr const char* kIndex = "debian";
constexpr auto kTaskTimeout = std::chrono::minutes(10);

// The lines of the decompressed corpus.
std::vector<std::string> ReadCorpus(const std::string& path) {
  const std::string cmd = "zstd -dc '" + path + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) Fail("popen " + cmd);
  std::string all;
  char buf[1 << 16];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) all.append(buf, n);
  if (pclose(pipe) != 0) Fail(cmd + " failed");
  std::vector<std::string> lines;
  for (size_t start = 0; start < all.size();) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    if (end > start) lines.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> SplitPayloads(const std::vector<std::string>& lines, size_t parts) {
  std::vector<std::string> payloads(parts);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string& p = payloads[i * parts / lines.size()];
    p += lines[i];
    p += '\n';
  }
  return payloads;
}

struct Run {
  double seconds = 0;
  uint64_t growths = 0;
  uint64_t replays = 0;
  uint64_t start_map = 0;  // when the first task is registered
  uint64_t final_map = 0;
  uint64_t final_used = 0;
  uint64_t documents = 0;
};

Run Ingest(const vas::AddressBudget& budget, const std::vector<std::string>& payloads,
           bool start_large) {
  TempDir dir;
  auto mapper = Must(index_mapper::IndexMapper::Open({.root = dir.path(), .budget = budget}),
                     "IndexMapper::Open");
  auto tasks = Must(scheduler::TaskStore::Open(dir.path() + "/tasks"), "TaskStore::Open");
  auto files = Must(scheduler::UpdateFiles::Open(dir.path() + "/update_files"), "UpdateFiles");
  Must(mapper->CreateIndex(kIndex, "id"), "CreateIndex");
  auto handle = Must(mapper->Acquire(kIndex), "Acquire");
  if (start_large) {
    // EnsureRoom maps twice (used + bytes * 9/8): this asks for kLargeMapBytes.
    Must(mapper->EnsureRoom(handle, kLargeMapBytes / 2 * 8 / 9), "EnsureRoom (start large)");
  }
  Run run;
  run.start_map = Must(handle.Usage(), "Usage").map_size;
  const uint64_t growths_before = mapper->Stats().growths;
  auto sched = Must(scheduler::Scheduler::Start(*tasks, *files, *mapper), "Scheduler::Start");

  const auto start = Clock::now();
  std::vector<uint32_t> uids;
  for (const std::string& payload : payloads) {
    Task t;
    t.kind = TaskKind::kDocumentAdditionOrUpdate;
    t.index_uid = kIndex;
    t.params = {{"format", "ndjson"}, {"csvDelimiter", ","}, {"replace", true}};
    uids.push_back(Must(sched->Register(std::move(t), payload), "Register").uid);
  }
  // Tasks of one index finish in uid order: the last one bounds the run.
  const auto deadline = Clock::now() + kTaskTimeout;
  for (;;) {
    if (IsFinished(Must(tasks->Get(uids.back()), "Get").status)) break;
    if (Clock::now() > deadline) Fail("the last task did not finish in time");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  run.seconds = SecondsSince(start);

  for (uint32_t uid : uids) {
    const Task t = Must(tasks->Get(uid), "Get");
    if (t.status != TaskStatus::kSucceeded) {
      Fail("task " + std::to_string(uid) +
           " did not succeed: " + (t.error ? t.error->code + ": " + t.error->message : "no error"));
    }
  }
  run.growths = mapper->Stats().growths - growths_before;
  run.replays = sched->replays();
  const storage::EnvUsage usage = Must(handle.Usage(), "Usage");
  run.final_map = usage.map_size;
  run.final_used = usage.used_bytes;
  run.documents = Must(mapper->GetIndex(kIndex), "GetIndex").document_count;
  sched.reset();
  { auto release = std::move(handle); }
  return run;
}

double MiB(uint64_t bytes) { return static_cast<double>(bytes) / kMiB; }

void PrintSide(const char* name, const std::vector<Run>& runs) {
  std::vector<double> secs;
  uint64_t growths = 0, replays = 0;
  for (const Run& r : runs) {
    secs.push_back(r.seconds);
    growths += r.growths;
    replays += r.replays;
  }
  std::printf("  %s: runs", name);
  for (double s : secs) std::printf(" %.2f", s);
  std::printf(" s; map %.0f MiB -> %.0f MiB, data %.0f MiB, %llu documents\n",
              MiB(runs.back().start_map), MiB(runs.back().final_map), MiB(runs.back().final_used),
              static_cast<unsigned long long>(runs.back().documents));
  PrintFigure(std::string(name) + ", median time", Median(secs), "s");
  PrintFigure(std::string(name) + ", growths per run (all runs)",
              static_cast<double>(growths) / static_cast<double>(runs.size()), "");
  PrintFigure(std::string(name) + ", replays after MDB_MAP_FULL (all runs)",
              static_cast<double>(replays), "");
}

}  // namespace
}  // namespace myriad::bench

int main(int argc, char** argv) {
  using namespace myriad;
  using namespace myriad::bench;
  PrintMachine("bench_ingest_growth: ingestion from the minimum map vs a large one");
  const std::string corpus =
      argc > 1 ? argv[1] : std::string(MYRIAD_DATASETS_DIR) + "/debian-packages.ndjson.zst";
  const std::vector<std::string> lines = ReadCorpus(corpus);
  const std::vector<std::string> payloads = SplitPayloads(lines, kPayloads);
  uint64_t bytes = 0;
  for (const std::string& p : payloads) bytes += p.size();
  std::printf("corpus: %s, %zu documents, %.1f MiB of NDJSON in %zu payloads\n", corpus.c_str(),
              lines.size(), MiB(bytes), kPayloads);

  vas::RaiseFdLimit();
  auto measured = Must(vas::MeasureAddressSpace(), "MeasureAddressSpace");
  const auto budget = vas::PlanBudget(measured, vas::ReadProcessLimits(), std::nullopt);
  std::printf("budget: %.0f GiB usable, largest map %.0f GiB; %d runs per side, alternating\n",
              MiB(budget.usable_bytes) / 1024, MiB(budget.max_map_bytes) / 1024, kReps);

  std::vector<Run> small, large;
  std::vector<double> pair_ratios;
  for (int rep = 0; rep < kReps; ++rep) {
    // a b, b a, a b...: a drift in the machine's load favours neither side.
    if (rep % 2 == 0) {
      small.push_back(Ingest(budget, payloads, /*start_large=*/false));
      large.push_back(Ingest(budget, payloads, /*start_large=*/true));
    } else {
      large.push_back(Ingest(budget, payloads, /*start_large=*/true));
      small.push_back(Ingest(budget, payloads, /*start_large=*/false));
    }
    pair_ratios.push_back(small.back().seconds / large.back().seconds);
    for (const Run* r : {&small.back(), &large.back()}) {
      if (r->documents != lines.size()) Fail("an index does not hold every document");
    }
  }
  PrintSide("(a) map starts at the minimum", small);
  PrintSide("(b) map starts large", large);
  std::vector<double> a, b;
  uint64_t replays = 0;
  for (const Run& r : small) a.push_back(r.seconds), replays += r.replays;
  for (const Run& r : large) b.push_back(r.seconds), replays += r.replays;
  const double ratio = Median(b) > 0 ? Median(a) / Median(b) : 0;
  std::printf("  %-58s %14.3f (a/b)\n", "ratio of median times", ratio);
  std::printf("  %-58s %14.3f (a/b)\n", "median of the ratios of each pair of runs",
              Median(pair_ratios));
  PrintGoal("time ratio a/b <= 1.05", ratio <= 1.05);
  PrintGoal("0 replays", replays == 0);
  return 0;
}
