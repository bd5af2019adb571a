#include "util/rfc3339.h"

#include <chrono>
#include <cstdio>
#include <optional>

namespace myriad {
namespace {

using std::chrono::days;
using std::chrono::nanoseconds;
using std::chrono::sys_days;

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

// Reads exactly `n` digits at `pos`, advancing it.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

Status Invalid(std::string_view text) {
  return Status::InvalidArgument("`" + std::string(text) +
                                 "` is not a valid RFC 3339 date-time or YYYY-MM-DD date");
}

}  // namespace

std::string FormatRfc3339(int64_t unix_ns) {
  const nanoseconds since_epoch(unix_ns);
  const auto day = std::chrono::floor<days>(since_epoch);
  const std::chrono::year_month_day ymd{sys_days(day)};
  const std::chrono::hh_mm_ss<nanoseconds> hms(since_epoch - day);
  char buf[64];
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                        unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                        int(hms.minutes().count()), int(hms.seconds().count()));
  std::string out(buf, static_cast<size_t>(n));
  int64_t frac = hms.subseconds().count();
  if (frac != 0) {
    std::snprintf(buf, sizeof(buf), ".%09lld", static_cast<long long>(frac));
    std::string digits(buf);
    while (digits.back() == '0') digits.pop_back();
    out += digits;
  }
  out += 'Z';
  return out;
}

Result<int64_t> ParseRfc3339(std::string_view text, LoneDate lone_date) {
  size_t pos = 0;
  auto y = Digits(text, pos, 4);
  if (!y || !Expect(text, pos, '-')) return Invalid(text);
  auto mo = Digits(text, pos, 2);
  if (!mo || !Expect(text, pos, '-')) return Invalid(text);
  auto d = Digits(text, pos, 2);
  if (!d) return Invalid(text);
  const std::chrono::year_month_day ymd{std::chrono::year(*y),
                                        std::chrono::month(static_cast<unsigned>(*mo)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return Invalid(text);
  const int64_t day_ns = static_cast<int64_t>(sys_days(ymd).time_since_epoch().count()) *
                         kSecondsPerDay * kNanosPerSecond;
  if (pos == text.size()) {
    return lone_date == LoneDate::kNextMidnight ? day_ns + kSecondsPerDay * kNanosPerSecond
                                                : day_ns;
  }

  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return Invalid(text);
  ++pos;
  auto h = Digits(text, pos, 2);
  if (!h || !Expect(text, pos, ':')) return Invalid(text);
  auto mi = Digits(text, pos, 2);
  if (!mi || !Expect(text, pos, ':')) return Invalid(text);
  auto s = Digits(text, pos, 2);
  // RFC 3339 allows a leap second (60); Meilisearch's parser refuses it, so do we.
  if (!s || *h > 23 || *mi > 59 || *s > 59) return Invalid(text);
  int64_t frac_ns = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    int64_t scale = kNanosPerSecond;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 9) return Invalid(text);
      scale /= 10;
      frac_ns += (text[pos] - '0') * scale;
      ++pos;
    }
    if (digits == 0) return Invalid(text);
  }
  int64_t offset_secs = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto oh = Digits(text, pos, 2);
    if (!oh || !Expect(text, pos, ':')) return Invalid(text);
    auto om = Digits(text, pos, 2);
    if (!om || *oh > 23 || *om > 59) return Invalid(text);
    offset_secs = sign * (*oh * 3600 + *om * 60);
  } else {
    return Invalid(text);
  }
  if (pos != text.size()) return Invalid(text);
  const int64_t local_secs = *h * 3600 + *mi * 60 + *s;
  return day_ns + (local_secs - offset_secs) * kNanosPerSecond + frac_ns;
}

}  // namespace myriad
