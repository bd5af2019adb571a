// PerformanceClock: the steps of one search and how long each took, for the
// response's processingTimeMs and, with showPerformanceDetails, its
// performanceDetails object ("search > bucket sort": "1.23ms").
//
// Thread safety: one search, one thread.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace myriad::engine {

class PerformanceClock {
 public:
  using Clock = std::chrono::steady_clock;

  // Ends the step begun by the previous Lap (or the clock's start).
  void Lap(std::string step) {
    const Clock::time_point now = Clock::now();
    laps_.emplace_back(std::move(step), now - last_);
    last_ = now;
  }

  Clock::time_point started() const { return started_; }
  int64_t ElapsedMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
  }

  // Each step's duration, and "search" for the whole, as Meilisearch shows them.
  boost::json::object Details() const {
    boost::json::object out;
    for (const auto& [step, took] : laps_) out[step] = Format(took);
    out["search"] = Format(Clock::now() - started_);
    return out;
  }

 private:
  static std::string Format(Clock::duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2fms",
                  std::chrono::duration<double, std::milli>(d).count());
    return text;
  }

  Clock::time_point started_ = Clock::now();
  Clock::time_point last_ = started_;
  std::vector<std::pair<std::string, Clock::duration>> laps_;
};

}  // namespace myriad::engine
