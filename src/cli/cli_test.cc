// Runs the built `myriad` binary through the shell, as an operator would.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "http/test_http_client.h"
#include "storage/storage_test_util.h"
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

// No arguments now runs `serve`, so only --help prints the help.
TEST(CliHelp, DocumentsEveryFlagAndCommand) {
  const RunResult run = RunMyriad("--help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* text : {"--address-budget",
                           "MYRIAD_ADDRESS_BUDGET",
                           "budget",
                           "serve",
                           "--db-path",
                           "MYRIAD_DB_PATH",
                           "MEILI_DB_PATH",
                           "--http-addr",
                           "MEILI_HTTP_ADDR",
                           "--http-payload-size-limit",
                           "MEILI_HTTP_PAYLOAD_SIZE_LIMIT",
                           "--log-level",
                           "--master-key",
                           "MEILI_MASTER_KEY",
                           "--env",
                           "MEILI_ENV",
                           "production",
                           "--dump-dir",
                           "--import-dump",
                           "--ignore-missing-dump",
                           "--ignore-dump-if-db-exists",
                           "--snapshot-dir",
                           "--schedule-snapshot",
                           "MEILI_SCHEDULE_SNAPSHOT",
                           "--import-snapshot",
                           "--ignore-missing-snapshot",
                           "--ignore-snapshot-if-db-exists"}) {
    EXPECT_NE(run.output.find(text), std::string::npos) << text << " in: " << run.output;
  }
}

TEST(CliHelp, UnknownFlagIsAUsageError) {
  const RunResult run = RunMyriad("--no-such-flag");
  EXPECT_EQ(run.exit_code, 2);
}

// A socket bound to 127.0.0.1 on a port the kernel picked; listening when asked.
class BoundSocket {
 public:
  explicit BoundSocket(bool listen) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        (listen && ::listen(fd_, 1) != 0) ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot bind a test socket";
      return;
    }
    port_ = ntohs(addr.sin_port);
  }
  ~BoundSocket() { ::close(fd_); }
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

// A port that was free a moment ago (the socket that found it is closed).
uint16_t FreePort() { return BoundSocket(false).port(); }

// Waits up to `timeout` for `pid` to exit; returns its wait status, or nullopt.
std::optional<int> WaitForExit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// `myriad <args>` in a child process; `master_key`, when given, goes through
// MYRIAD_MASTER_KEY.
pid_t StartMyriad(const std::vector<std::string>& args, const char* master_key = nullptr) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (master_key != nullptr) ::setenv("MYRIAD_MASTER_KEY", master_key, 1);
    std::vector<char*> argv{const_cast<char*>("myriad")};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(MYRIAD_BIN, argv.data());
    ::_exit(127);
  }
  return pid;
}

// GET /health once the server answers: it measures the address space and opens
// the database first, so the connection is retried a bounded number of times,
// failing fast if the child exits.
std::optional<http::testing::TestResponse> AwaitHealth(pid_t pid, uint16_t port) {
  std::optional<http::testing::TestResponse> health;
  for (int attempt = 0; attempt < 1000 && !health; ++attempt) {
    health = http::testing::Fetch(port, "GET", "/health");
    if (!health && WaitForExit(pid, std::chrono::milliseconds(10))) {
      ADD_FAILURE() << "myriad serve exited";
      return std::nullopt;
    }
  }
  return health;
}

// SIGTERM, then the exit status within 10 s; nullopt (after SIGKILL) if none.
std::optional<int> StopWithSigterm(pid_t pid) {
  if (::kill(pid, SIGTERM) != 0) return std::nullopt;
  std::optional<int> status = WaitForExit(pid, std::chrono::seconds(10));
  if (!status) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  return status;
}

TEST(CliServe, AnswersHealthAndStopsOnSigterm) {
  testing::TempDir dir;
  const uint16_t port = FreePort();
  const std::string addr = "127.0.0.1:" + std::to_string(port);
  const std::string db = dir.Sub("data.ms");
  const pid_t pid =
      StartMyriad({"serve", "--http-addr", addr, "--db-path", db, "--log-level", "warn"});
  ASSERT_GE(pid, 0);
  std::optional<http::testing::TestResponse> health = AwaitHealth(pid, port);
  ASSERT_TRUE(health) << "myriad serve never answered on " << addr;
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(boost::json::parse(health->body), boost::json::parse(R"({"status":"available"})"));
  EXPECT_TRUE(std::filesystem::is_directory(db + "/indexes"));
  std::optional<http::testing::TestResponse> indexes =
      http::testing::Fetch(port, "GET", "/indexes");
  ASSERT_TRUE(indexes);
  EXPECT_EQ(boost::json::parse(indexes->body).at("total"), 0);

  std::optional<int> status = StopWithSigterm(pid);
  ASSERT_TRUE(status) << "myriad serve did not stop within 10 s of SIGTERM";
  ASSERT_TRUE(WIFEXITED(*status)) << *status;
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST(CliServe, BadHttpAddrIsAUsageError) {
  for (const char* addr : {"nonsense", "127.0.0.1:99999", "::1:7700", "127.0.0.1:", "[::1"}) {
    const RunResult run = RunMyriad(std::string("serve --http-addr '") + addr + "'");
    EXPECT_EQ(run.exit_code, 2) << addr << ": " << run.output;
    EXPECT_NE(run.output.find("--http-addr"), std::string::npos) << run.output;
  }
}

TEST(CliServe, BadValuesAreUsageErrors) {
  EXPECT_EQ(RunMyriad("--log-level loud").exit_code, 2);
  EXPECT_EQ(RunMyriad("--http-payload-size-limit 12XB").exit_code, 2);
  for (const char* schedule : {"0", "soon", "-5"}) {
    const RunResult run = RunMyriad(std::string("--schedule-snapshot=") + schedule);
    EXPECT_EQ(run.exit_code, 2) << schedule << ": " << run.output;
    EXPECT_NE(run.output.find("--schedule-snapshot"), std::string::npos) << run.output;
  }
  const RunResult both = RunMyriad("--import-dump a.dump --import-snapshot b.snapshot");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.output.find("cannot be used together"), std::string::npos) << both.output;
}

TEST(CliServe, MeiliEnvironmentIsAnAliasThatMyriadOverrides) {
  RunResult run = RunMyriad("", "MEILI_HTTP_ADDR=meili-bad ");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("meili-bad"), std::string::npos) << run.output;

  run = RunMyriad("", "MEILI_HTTP_ADDR=127.0.0.1:1 MYRIAD_HTTP_ADDR=myriad-bad ");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("myriad-bad"), std::string::npos) << run.output;
}

TEST(CliServe, ProductionRequiresAMasterKeyOfSixteenBytes) {
  RunResult run = RunMyriad("--env production");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("no master key is set"), std::string::npos) << run.output;
  run = RunMyriad("", "MEILI_ENV=production MEILI_MASTER_KEY=fifteen_bytes__ ");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("shorter than 16 bytes"), std::string::npos) << run.output;
  run = RunMyriad("--env staging");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--env"), std::string::npos) << run.output;
}

TEST(CliServe, MasterKeyClosesEveryRouteButHealth) {
  testing::TempDir dir;
  const uint16_t port = FreePort();
  const std::string addr = "127.0.0.1:" + std::to_string(port);
  const std::string db = dir.Sub("data.ms");
  const pid_t pid = StartMyriad(
      {"--env", "production", "--http-addr", addr, "--db-path", db, "--log-level", "warn"},
      "sixteen_bytes_key");
  ASSERT_GE(pid, 0);
  std::optional<http::testing::TestResponse> health = AwaitHealth(pid, port);
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto indexes = http::testing::Fetch(port, "GET", "/indexes");
  ASSERT_TRUE(indexes);
  EXPECT_EQ(indexes->status, 401);
  indexes = http::testing::Fetch(port, "GET", "/indexes", "", "Bearer sixteen_bytes_key");
  ASSERT_TRUE(indexes);
  EXPECT_EQ(indexes->status, 200);
  EXPECT_TRUE(std::filesystem::is_directory(db + "/auth"));
  std::optional<int> status = StopWithSigterm(pid);
  ASSERT_TRUE(status) << "myriad serve did not stop within 10 s of SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << *status;
}

TEST(CliServe, PortInUseExitsWithOne) {
  testing::TempDir dir;
  BoundSocket taken(true);
  const RunResult run = RunMyriad("--http-addr 127.0.0.1:" + std::to_string(taken.port()) +
                                  " --db-path '" + dir.Sub("db") + "'");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("in use"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace myriad
