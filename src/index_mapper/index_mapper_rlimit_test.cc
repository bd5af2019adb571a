// The index mapper in a process whose address space is capped at 4 GiB
// (RLIMIT_AS): 2,000 indexes written and read back, and one grown past 300 MiB;
// and a map doubled to 2.5 GiB while small indexes fill the rest of the budget.
// A fixed 2 TiB map per index, as other engines use, could not open even one.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "index_mapper/index_mapper.h"
#include "index_mapper/index_mapper_test_util.h"

namespace myriad::index_mapper {
namespace {

using testing::ReadValueSize;
using testing::TempDir;
using testing::WriteValues;

constexpr uint64_t kAddressLimit = 4 * kGiB;
constexpr int kIndexes = 2000;

// In the child: caps its address space at kAddressLimit and opens a mapper in
// `root` on the budget measured under the cap; null, with `error` set, if not.
std::unique_ptr<IndexMapper> OpenUnderLimit(const std::string& root, std::string& error) {
  rlimit rl{kAddressLimit, kAddressLimit};
  if (setrlimit(RLIMIT_AS, &rl) != 0) {
    error = "setrlimit failed";
    return nullptr;
  }
  auto measured = vas::MeasureAddressSpace();
  if (!measured.ok() || measured->total_bytes > kAddressLimit) {
    error = measured.ok() ? "measurement ignores RLIMIT_AS" : measured.status().ToString();
    return nullptr;
  }
  IndexMapperOptions options;
  options.root = root;
  options.budget = vas::PlanBudget(*measured, vas::ReadProcessLimits(), std::nullopt);
  options.no_sync = true;
  auto mapper = IndexMapper::Open(options);
  if (!mapper.ok()) {
    error = mapper.status().ToString();
    return nullptr;
  }
  return std::move(mapper).value();
}

// Runs in the child; returns an empty string on success, else what went wrong.
std::string RunUnderLimit(const std::string& root) {
  std::string error;
  std::unique_ptr<IndexMapper> mapper = OpenUnderLimit(root, error);
  if (!mapper) return error;
  IndexMapper& m = *mapper;

  for (int i = 0; i < kIndexes; ++i) {
    const std::string uid = "tenant" + std::to_string(i);
    if (auto st = m.CreateIndex(uid); !st.ok()) return st.status().ToString();
    auto h = m.Acquire(uid);
    if (!h.ok()) return uid + ": " + h.status().ToString();
    if (Status st = WriteValues(m, *h, static_cast<uint32_t>(i), 1, 100 + i % 7); !st.ok()) {
      return uid + ": " + st.ToString();
    }
  }
  for (int i = 0; i < kIndexes; ++i) {
    const std::string uid = "tenant" + std::to_string(i);
    auto h = m.Acquire(uid);
    if (!h.ok()) return uid + ": " + h.status().ToString();
    auto size = ReadValueSize(*h, static_cast<uint32_t>(i));
    if (!size.ok() || *size != static_cast<size_t>(100 + i % 7)) return uid + ": wrong value";
  }

  if (auto st = m.CreateIndex("big"); !st.ok()) return st.status().ToString();
  auto big = m.Acquire("big");
  if (!big.ok()) return big.status().ToString();
  constexpr uint32_t kBatch = 8000;  // 32 MiB of 4 KiB values per write txn
  for (uint32_t batch = 0; batch < 10; ++batch) {
    if (Status st = WriteValues(m, *big, batch * kBatch, kBatch, 4000); !st.ok()) {
      return "big, batch " + std::to_string(batch) + ": " + st.ToString();
    }
  }
  auto usage = big->Usage();
  if (!usage.ok()) return usage.status().ToString();
  if (usage->used_bytes < 300 * kMiB) return "big index holds less than 300 MiB";
  auto last = ReadValueSize(*big, 10 * kBatch - 1);
  if (!last.ok() || *last != 4000) return "big index lost its last value";
  if (m.Stats().charged_bytes > m.Stats().usable_bytes) return "budget overspent";
  // The small indexes still answer after the big one took its room.
  auto h = m.Acquire("tenant0");
  if (!h.ok() || !ReadValueSize(*h, 0).ok()) return "tenant0 unreadable after growth";
  return "";
}

// A map grown past a quarter of the limit while small indexes hold the rest of
// the budget: the old and the new map never fit side by side under the limit,
// but LMDB unmaps the old one before it maps the new one.
std::string GrowLargeUnderLimit(const std::string& root) {
  std::string error;
  std::unique_ptr<IndexMapper> mapper = OpenUnderLimit(root, error);
  if (!mapper) return error;
  IndexMapper& m = *mapper;
  if (auto st = m.CreateIndex("big"); !st.ok()) return st.status().ToString();
  auto big = m.Acquire("big");
  if (!big.ok()) return big.status().ToString();
  // Its map to about a quarter of the limit, then the budget filled with small
  // indexes, open and unpinned.
  if (Status st = m.EnsureRoom(*big, kAddressLimit / 8); !st.ok()) return "first: " + st.ToString();
  for (int i = 0; m.Stats().charged_bytes + 8 * kMiB < m.Stats().usable_bytes; ++i) {
    if (i == kIndexes) return "the small indexes do not fill the budget";
    const std::string uid = "tenant" + std::to_string(i);
    if (auto st = m.CreateIndex(uid); !st.ok()) return st.status().ToString();
    auto h = m.Acquire(uid);
    if (!h.ok()) return uid + ": " + h.status().ToString();
    if (Status st = WriteValues(m, *h, 0, 1, 100); !st.ok()) return uid + ": " + st.ToString();
  }
  const uint64_t before = big->Usage()->map_size;
  // Doubles it: evicts small indexes for the growth, then remaps.
  if (Status st = m.EnsureRoom(*big, before); !st.ok()) return "second: " + st.ToString();
  if (big->Usage()->map_size < 2 * before) return "the map did not double";
  if (Status st = WriteValues(m, *big, 0, 1000, 4000, false); !st.ok()) return st.ToString();
  if (m.Stats().charged_bytes > m.Stats().usable_bytes) return "budget overspent";
  auto h = m.Acquire("tenant0");
  if (!h.ok() || !ReadValueSize(*h, 0).ok()) return "tenant0 unreadable after growth";
  return "";
}

// Runs `body` in a forked child (RLIMIT_AS applies to the whole process) and
// expects it to return an empty string.
void ExpectInChild(std::string (*body)(const std::string&)) {
  TempDir dir;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    const std::string error = body(dir.path());
    if (!error.empty()) (void)!write(fds[1], error.data(), error.size());
    _exit(error.empty() ? 0 : 1);
  }
  close(fds[1]);
  std::string error;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) error.append(buf, n);
  close(fds[0]);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFEXITED(wstatus)) << "child crashed, signal " << WTERMSIG(wstatus);
  EXPECT_EQ(WEXITSTATUS(wstatus), 0) << error;
  EXPECT_EQ(error, "");
}

TEST(IndexMapperRlimit, TwoThousandIndexesAndAGrowingOneIn4GiB) {
#ifdef MYRIAD_SANITIZER
  GTEST_SKIP() << "sanitizers reserve terabytes of shadow memory: RLIMIT_AS cannot apply";
#endif
  ExpectInChild(RunUnderLimit);
}

TEST(IndexMapperRlimit, AMapDoublesPastWhatFitsBesideTheOldOne) {
#ifdef MYRIAD_SANITIZER
  GTEST_SKIP() << "sanitizers reserve terabytes of shadow memory: RLIMIT_AS cannot apply";
#endif
  ExpectInChild(GrowLargeUnderLimit);
}

}  // namespace
}  // namespace myriad::index_mapper
