#include "scheduler/time_format.h"

#include <cstdio>

namespace myriad::scheduler {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

}  // namespace

std::optional<std::string> FormatIsoDuration(int64_t ns) {
  if (ns < 0) return std::nullopt;
  const int64_t total_secs = ns / kNanosPerSecond;
  const int64_t nanos = ns % kNanosPerSecond;
  const int64_t day_count = total_secs / kSecondsPerDay;
  const int64_t secs = total_secs % kSecondsPerDay;
  std::string out = "P";
  if (day_count != 0) out += std::to_string(day_count) + "D";
  if (secs == 0 && nanos == 0 && day_count != 0) return out;
  char buf[32];
  const auto s = static_cast<long long>(secs);
  if (nanos == 0) {
    std::snprintf(buf, sizeof(buf), "T%lldS", s);
  } else if (nanos % 1'000'000 == 0) {
    std::snprintf(buf, sizeof(buf), "T%lld.%03lldS", s, static_cast<long long>(nanos / 1'000'000));
  } else if (nanos % 1'000 == 0) {
    std::snprintf(buf, sizeof(buf), "T%lld.%06lldS", s, static_cast<long long>(nanos / 1'000));
  } else {
    std::snprintf(buf, sizeof(buf), "T%lld.%09lldS", s, static_cast<long long>(nanos));
  }
  return out + buf;
}

}  // namespace myriad::scheduler
