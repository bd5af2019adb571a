// Many threads reading, writing, growing, creating, deleting and evicting over
// many indexes under a tiny budget. Run under ThreadSanitizer in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "index_mapper/index_mapper.h"
#include "index_mapper/index_mapper_test_util.h"

namespace myriad::index_mapper {
namespace {

using testing::OpenMapper;
using testing::ReadValueSize;
using testing::SmallBudget;
using testing::TempDir;
using testing::WriteValues;

constexpr int kIndexes = 40;
constexpr int kThreads = 6;
constexpr int kOpsPerThread = 300;
constexpr uint64_t kBudget = 6 * testing::kSmallEnvCharge;

// Ends the process if the work is not done in time: a deadlock must fail the
// test, not hang CI.
class Watchdog {
 public:
  explicit Watchdog(std::chrono::seconds limit)
      : thread_([this, limit] {
          std::unique_lock lock(mu_);
          if (!cv_.wait_for(lock, limit, [this] { return done_; })) {
            std::fprintf(stderr, "Watchdog: no progress in %llds: deadlock\n",
                         static_cast<long long>(limit.count()));
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

std::string Uid(int i) { return "s" + std::to_string(i); }

// Errors that this workload may legitimately meet: an index deleted or created
// by another thread, or a budget entirely pinned by other threads for longer
// than the wait.
bool Expected(const Status& st) {
  return st.ok() || st.code() == StatusCode::kNotFound || st.code() == StatusCode::kAlreadyExists ||
         st.code() == StatusCode::kAddressSpaceExhausted;
}

TEST(IndexMapperConcurrency, MixedWorkloadUnderATinyBudgetNeitherDeadlocksNorOverspends) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kBudget), std::chrono::seconds(2));
  for (int i = 0; i < kIndexes; ++i) ASSERT_TRUE(mapper->CreateIndex(Uid(i)).ok());

  std::atomic<int> unexpected{0};
  std::atomic<int> overspent{0};
  std::atomic<int> completed{0};
  auto check = [&](const Status& st, const char* op) {
    if (!Expected(st)) {
      ++unexpected;
      ADD_FAILURE() << op << ": " << st.ToString();
    }
    if (mapper->Stats().charged_bytes > kBudget) ++overspent;
  };
  {
    Watchdog watchdog(std::chrono::seconds(240));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 rng(1234 + t);
        auto pick = [&] { return Uid(static_cast<int>(rng() % kIndexes)); };
        for (int op = 0; op < kOpsPerThread; ++op) {
          const unsigned kind = rng() % 20;
          if (kind < 8) {  // read
            auto h = mapper->Acquire(pick());
            Status st = h.status();
            if (h.ok()) {
              auto size = ReadValueSize(*h, 0);
              st = size.status();
            }
            check(st, "read");
          } else if (kind < 13) {  // write, growing first
            auto h = mapper->Acquire(pick());
            check(h.ok() ? WriteValues(*mapper, *h, static_cast<uint32_t>(rng() % 1000), 20, 500)
                         : h.status(),
                  "write");
          } else if (kind < 15) {  // grow without writing
            auto h = mapper->Acquire(pick());
            check(h.ok() ? mapper->EnsureRoom(*h, (rng() % 2048) * kKiB) : h.status(), "grow");
          } else if (kind < 17) {  // delete and recreate
            const std::string uid = pick();
            check(mapper->DeleteIndex(uid), "delete");
            check(mapper->CreateIndex(uid).status(), "create");
          } else {  // two indexes at once, one of them possibly twice
            auto a = mapper->Acquire(pick());
            auto b = mapper->Acquire(kind == 19 && a.ok() ? a->uid() : pick());
            check(a.status(), "acquire first of two");
            check(b.status(), "acquire second of two");
            if (a.ok() && b.ok()) check(ReadValueSize(*b, 0).status(), "read second of two");
          }
          ++completed;
        }
      });
    }
    for (auto& th : threads) th.join();
  }
  EXPECT_EQ(completed.load(), kThreads * kOpsPerThread);
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(overspent.load(), 0);

  // No pin leaked: with every handle gone, each index opens and reads in turn.
  auto stats = mapper->Stats();
  EXPECT_LE(stats.charged_bytes, kBudget);
  for (int i = 0; i < kIndexes; ++i) {
    if (!mapper->Exists(Uid(i))) continue;
    auto h = mapper->Acquire(Uid(i));
    ASSERT_TRUE(h.ok()) << Uid(i) << ": " << h.status().ToString();
    Status st = ReadValueSize(*h, 0).status();
    EXPECT_TRUE(st.ok() || st.code() == StatusCode::kNotFound) << st.ToString();
  }
  // Every directory on disk belongs to an index that exists, and vice versa at most.
  EXPECT_LE(testing::CountIndexDirs(dir.path()), static_cast<size_t>(kIndexes));
}

TEST(IndexMapperConcurrency, ConcurrentHitsOnOneIndexWhileItGrows) {
  TempDir dir;
  auto mapper = OpenMapper(dir.path(), SmallBudget(kGiB));
  ASSERT_TRUE(mapper->CreateIndex("hot").ok());
  {
    auto h = mapper->Acquire("hot");
    ASSERT_TRUE(WriteValues(*mapper, *h, 0, 1, 100).ok());
  }
  std::atomic<bool> stop{false};
  std::atomic<int> bad_reads{0};
  Watchdog watchdog(std::chrono::seconds(240));
  std::thread reader([&] {
    while (!stop) {
      auto h = mapper->Acquire("hot");
      auto size = h.ok() ? ReadValueSize(*h, 0) : Result<size_t>(h.status());
      if (!size.ok() || *size != 100) ++bad_reads;
    }
  });
  auto h = mapper->Acquire("hot");
  ASSERT_TRUE(h.ok());
  for (uint32_t step = 1; step <= 12; ++step) {
    ASSERT_TRUE(WriteValues(*mapper, *h, step * 1000, 500, 1000).ok());
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad_reads.load(), 0);
  EXPECT_GE(mapper->Stats().growths, 2u);
}

}  // namespace
}  // namespace myriad::index_mapper
