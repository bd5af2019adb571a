// Runs the built `myriad` binary through the shell, as an operator would.
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "util/byte_size.h"

namespace myriad {
namespace {

struct RunResult {
  std::string output;
  int exit_code = -1;
};

// Runs `args` after the binary's path under sh; stderr is captured with stdout.
RunResult RunMyriad(const std::string& args, const std::string& prefix = "") {
  const std::string command = prefix + "'" MYRIAD_BIN "' " + args + " 2>&1";
  RunResult run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) run.output.append(buf, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

boost::json::object ParseBudget(const RunResult& run) {
  EXPECT_EQ(run.exit_code, 0) << run.output;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(run.output, ec);
  EXPECT_FALSE(ec) << ec.message() << " in: " << run.output;
  EXPECT_TRUE(v.is_object()) << run.output;
  return v.is_object() ? v.as_object() : boost::json::object{};
}

uint64_t Uint(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  EXPECT_NE(v, nullptr) << key;
  if (v == nullptr) return 0;
  EXPECT_TRUE(v->is_uint64() || (v->is_int64() && v->as_int64() >= 0)) << key << ": " << *v;
  return v->is_uint64() ? v->as_uint64() : v->is_int64() ? uint64_t(v->as_int64()) : 0;
}

TEST(CliBudget, PrintsEveryKeyWithItsType) {
  boost::json::object o = ParseBudget(RunMyriad("budget"));
  for (const char* key :
       {"largest_hole_bytes", "total_bytes", "mapped_bytes", "probes", "usable_bytes",
        "max_map_bytes", "fd_limit", "max_map_count", "maps_in_use"}) {
    Uint(o, key);
  }
  ASSERT_TRUE(o.contains("rlimit_as_bytes"));
  EXPECT_TRUE(o["rlimit_as_bytes"].is_null() || o["rlimit_as_bytes"].is_number());
  ASSERT_TRUE(o.contains("probe_ms"));
  EXPECT_TRUE(o["probe_ms"].is_double());
  ASSERT_TRUE(o.contains("overridden"));
  ASSERT_TRUE(o["overridden"].is_bool());
  EXPECT_FALSE(o["overridden"].as_bool());

  EXPECT_LE(Uint(o, "largest_hole_bytes"), Uint(o, "total_bytes"));
  EXPECT_LT(Uint(o, "usable_bytes"), Uint(o, "total_bytes"));
  EXPECT_GT(Uint(o, "probes"), 0u);

  ASSERT_TRUE(o.contains("open_capacity") && o["open_capacity"].is_object());
  const boost::json::object& cap = o["open_capacity"].as_object();
  const uint64_t small = Uint(cap, "64MiB");
  const uint64_t medium = Uint(cap, "1GiB");
  const uint64_t large = Uint(cap, "2TiB");
  EXPECT_GE(small, medium);
  EXPECT_GE(medium, large);
  EXPECT_GT(small, 0u);
}

TEST(CliBudget, FlagOverridesUsable) {
  for (const char* args : {"--address-budget 8GiB budget", "budget --address-budget 8GiB"}) {
    boost::json::object o = ParseBudget(RunMyriad(args));
    EXPECT_EQ(Uint(o, "usable_bytes"), 8 * kGiB) << args;
    EXPECT_TRUE(o["overridden"].as_bool()) << args;
  }
}

TEST(CliBudget, EnvironmentOverridesUsable) {
  boost::json::object o = ParseBudget(RunMyriad("budget", "MYRIAD_ADDRESS_BUDGET=3GiB "));
  EXPECT_EQ(Uint(o, "usable_bytes"), 3 * kGiB);
  EXPECT_TRUE(o["overridden"].as_bool());
}

TEST(CliBudget, BadSizeIsAUsageError) {
  RunResult run = RunMyriad("--address-budget 12XB budget");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("12XB"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--address-budget"), std::string::npos) << run.output;
}

TEST(CliBudget, SeesUlimitV) {
#if defined(MYRIAD_SANITIZER)
  GTEST_SKIP() << "sanitizers reserve terabytes of shadow memory; ulimit -v cannot apply";
#endif
  const RunResult run = RunMyriad("budget", "ulimit -v 4194304; exec ");
  boost::json::object o = ParseBudget(run);
  EXPECT_EQ(Uint(o, "rlimit_as_bytes"), 4294967296u);
  EXPECT_LE(Uint(o, "total_bytes"), 4294967296u);
  EXPECT_GT(Uint(o, "largest_hole_bytes"), 1 * kGiB);
}

TEST(CliHelp, DocumentsEveryFlagAndCommand) {
  for (const char* args : {"--help", ""}) {
    const RunResult run = RunMyriad(args);
    EXPECT_EQ(run.exit_code, 0) << args;
    EXPECT_NE(run.output.find("--address-budget"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("MYRIAD_ADDRESS_BUDGET"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("budget"), std::string::npos) << run.output;
  }
}

TEST(CliHelp, UnknownFlagIsAUsageError) {
  const RunResult run = RunMyriad("--no-such-flag");
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
}  // namespace myriad
