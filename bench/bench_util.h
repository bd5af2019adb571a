// Shared helpers of the benchmarks: the machine they ran on, a temporary
// directory, median timing, and the report lines every benchmark prints.
//
// Benchmarks run by hand on shared, noisy machines: each one measures our code
// and its baseline in the same run, so that the ratio survives the noise even
// when the absolute figures do not.
#pragma once

#include <lmdb.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "util/result.h"
#include "util/status.h"

namespace myriad::bench {

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Benchmarks cannot recover from a failed setup: stop with the reason.
[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "FATAL: %s\n", what.c_str());
  std::fflush(stdout);
  std::exit(2);
}

inline void Must(const Status& st, const char* what) {
  if (!st.ok()) Fail(std::string(what) + ": " + st.ToString());
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}

inline void MustLmdb(int rc, const char* what) {
  if (rc != 0) Fail(std::string(what) + ": " + mdb_strerror(rc));
}

// Keeps the compiler from deleting work whose result is otherwise unused.
template <typename T>
inline void DoNotOptimize(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

inline std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

inline void PrintMachine(const char* benchmark) {
  utsname u{};
  uname(&u);
  std::printf("== %s\n", benchmark);
  std::printf("machine: cpu=\"%s\" nproc=%u kernel=\"%s %s %s\"\n", CpuModel().c_str(),
              std::thread::hardware_concurrency(), u.sysname, u.release, u.machine);
}

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when
// the object dies.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/myriad-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) Fail("mkdtemp " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The median over `reps` runs of `fn`, in seconds.
template <typename Fn>
double MedianSeconds(int reps, Fn&& fn) {
  std::vector<double> runs;
  runs.reserve(reps);
  for (int i = 0; i < reps; ++i) {
    const auto start = Clock::now();
    fn();
    runs.push_back(SecondsSince(start));
  }
  return Median(std::move(runs));
}

inline void PrintFigure(const std::string& name, double value, const char* unit) {
  std::printf("  %-58s %14.3f %s\n", name.c_str(), value, unit);
}

inline void PrintRatio(const std::string& name, double ours, double baseline) {
  std::printf("  %-58s %14.3f (ours/baseline)\n", ("ratio " + name).c_str(),
              baseline > 0 ? ours / baseline : 0.0);
}

// Returns `met` so that main() can fold the goals into its exit status.
inline bool PrintGoal(const std::string& goal, bool met) {
  std::printf("  goal: %-52s %s\n", goal.c_str(), met ? "MET" : "NOT MET");
  return met;
}

}  // namespace myriad::bench
