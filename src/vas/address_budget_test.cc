#include "vas/address_budget.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/byte_size.h"

namespace myriad::vas {
namespace {

TEST(MeasureAddressSpace, IsSaneInThisProcess) {
  Result<AddressMeasurement> m = MeasureAddressSpace();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GT(m->largest_hole_bytes, 0u);
  EXPECT_LE(m->largest_hole_bytes, m->total_bytes);
  EXPECT_GT(m->probes, 0);
  EXPECT_GE(m->probe_ms, 0.0);
  EXPECT_GT(m->mapped_bytes, 0u);
  // What was measured is free again.
  EXPECT_TRUE(CanReserve(m->largest_hole_bytes / 2));
  AddressBudget b = PlanBudget(*m, ReadProcessLimits(), std::nullopt);
  EXPECT_LT(b.usable_bytes, m->total_bytes);
  EXPECT_LE(b.max_map_bytes, b.usable_bytes);
}

// The fields a child sends back through a pipe.
struct ChildReport {
  int ok = 0;
  uint64_t rlimit_as = 0;
  uint64_t largest = 0;
  uint64_t total = 0;
  uint64_t usable = 0;
};

TEST(MeasureAddressSpace, SeesRlimitAs) {
#if defined(MYRIAD_SANITIZER)
  GTEST_SKIP() << "sanitizers reserve terabytes of shadow memory; RLIMIT_AS cannot apply";
#endif
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    ChildReport report;
    const rlimit rl{4 * kGiB, 4 * kGiB};
    if (setrlimit(RLIMIT_AS, &rl) == 0) {
      Result<AddressMeasurement> m = MeasureAddressSpace();
      if (m.ok()) {
        report.ok = 1;
        report.rlimit_as = m->rlimit_as_bytes.value_or(0);
        report.largest = m->largest_hole_bytes;
        report.total = m->total_bytes;
        report.usable = PlanBudget(*m, ReadProcessLimits(), std::nullopt).usable_bytes;
      }
    }
    const bool written = write(fds[1], &report, sizeof(report)) == sizeof(report);
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  ChildReport report;
  const ssize_t n = read(fds[0], &report, sizeof(report));
  close(fds[0]);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
  ASSERT_EQ(n, static_cast<ssize_t>(sizeof(report)));
  ASSERT_EQ(report.ok, 1);
  EXPECT_EQ(report.rlimit_as, 4 * kGiB);
  EXPECT_LE(report.total, 4 * kGiB);
  EXPECT_LE(report.largest, report.total);
  EXPECT_GT(report.largest, 1 * kGiB);
  EXPECT_LT(report.usable, report.total);
}

AddressMeasurement Measured(uint64_t largest, uint64_t total) {
  AddressMeasurement m;
  m.largest_hole_bytes = largest;
  m.total_bytes = total;
  return m;
}

TEST(PlanBudget, KeepsAnEighthOfALargeSpace) {
  AddressBudget b = PlanBudget(Measured(80 * kTiB, 128 * kTiB), {}, std::nullopt);
  EXPECT_EQ(b.usable_bytes, 112 * kTiB);
  EXPECT_EQ(b.max_map_bytes, 80 * kTiB);
  EXPECT_FALSE(b.overridden);
}

TEST(PlanBudget, KeepsAtLeast512MiB) {
  AddressBudget b = PlanBudget(Measured(3 * kGiB, 4 * kGiB), {}, std::nullopt);
  EXPECT_EQ(b.usable_bytes, 4 * kGiB - 512 * kMiB);
  EXPECT_EQ(b.max_map_bytes, 3 * kGiB);
}

TEST(PlanBudget, KeepsAtMostHalf) {
  AddressBudget b = PlanBudget(Measured(600 * kMiB, 600 * kMiB), {}, std::nullopt);
  EXPECT_EQ(b.usable_bytes, 300 * kMiB);
  EXPECT_EQ(b.max_map_bytes, 300 * kMiB);
}

TEST(PlanBudget, OverrideReplacesUsable) {
  AddressBudget b = PlanBudget(Measured(80 * kTiB, 128 * kTiB), {}, 8 * kGiB);
  EXPECT_EQ(b.usable_bytes, 8 * kGiB);
  EXPECT_EQ(b.max_map_bytes, 8 * kGiB);
  EXPECT_TRUE(b.overridden);
  // An override may also exceed what was measured; one map stays within the hole.
  b = PlanBudget(Measured(1 * kTiB, 2 * kTiB), {}, 4 * kTiB);
  EXPECT_EQ(b.usable_bytes, 4 * kTiB);
  EXPECT_EQ(b.max_map_bytes, 1 * kTiB);
}

AddressBudget Budget(uint64_t usable, uint64_t fd_limit, uint64_t max_map_count,
                     uint64_t maps_in_use) {
  AddressBudget b;
  b.usable_bytes = usable;
  b.max_map_bytes = usable;
  b.limits.fd_limit = fd_limit;
  b.limits.max_map_count = max_map_count;
  b.limits.maps_in_use = maps_in_use;
  return b;
}

TEST(OpenCapacity, BytesBind) {
  // Each env costs its map plus LMDB's own allocations.
  EXPECT_EQ(
      OpenCapacity(Budget(5 * (2 * kTiB + kEnvOverheadBytes), 1 << 20, 1 << 20, 100), 2 * kTiB),
      5u);
  EXPECT_EQ(OpenCapacity(Budget(10 * kTiB, 1 << 20, 1 << 20, 100), 2 * kTiB), 4u);
  EXPECT_EQ(OpenCapacity(Budget(4 * kGiB, 1 << 20, 1 << 20, 100), kMiB),
            4 * kGiB / (kMiB + kEnvOverheadBytes));
}

TEST(OpenCapacity, FdsBind) {
  // (1024 - 64) / 3 = 320.
  EXPECT_EQ(OpenCapacity(Budget(100 * kTiB, 1024, 1 << 20, 100), 64 * kMiB), 320u);
  EXPECT_EQ(OpenCapacity(Budget(100 * kTiB, 50, 1 << 20, 100), 64 * kMiB), 0u);
}

TEST(OpenCapacity, MapCountBinds) {
  // (65530 - 476 - 1024) / 4 = 16007.
  EXPECT_EQ(OpenCapacity(Budget(100 * kTiB, 1 << 20, 65530, 476), 64 * kMiB), 16007u);
  EXPECT_EQ(OpenCapacity(Budget(100 * kTiB, 1 << 20, 1000, 476), 64 * kMiB), 0u);
}

TEST(OpenCapacity, ZeroWhenOneMapDoesNotFit) {
  AddressBudget b = Budget(100 * kTiB, 1 << 20, 65530, 100);
  b.max_map_bytes = 1 * kTiB;
  EXPECT_EQ(OpenCapacity(b, 2 * kTiB), 0u);
  EXPECT_EQ(OpenCapacity(b, 1 * kTiB), 99u);  // 100 maps, but not 100 overheads
}

TEST(CanReserve, SmallYesHugeNo) {
  EXPECT_TRUE(CanReserve(64 * kMiB));
  EXPECT_FALSE(CanReserve(uint64_t{1} << 60));
}

TEST(ProcessLimits, AreRead) {
  const uint64_t fds = RaiseFdLimit();
  ProcessLimits limits = ReadProcessLimits();
  EXPECT_EQ(limits.fd_limit, fds);
  EXPECT_GT(limits.max_map_count, 0u);
  EXPECT_GT(limits.maps_in_use, 0u);
  EXPECT_LT(limits.maps_in_use, limits.max_map_count);
}

}  // namespace
}  // namespace myriad::vas
