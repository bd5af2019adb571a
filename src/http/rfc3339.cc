#include "http/rfc3339.h"

#include <chrono>
#include <cstdio>

namespace myriad::http {

std::string FormatRfc3339(int64_t unix_ns) {
  using namespace std::chrono;
  const sys_time<nanoseconds> t{nanoseconds(unix_ns)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<nanoseconds> hms{t - day};

  char buf[48];
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                        unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                        int(hms.minutes().count()), int(hms.seconds().count()));
  std::string out(buf, n > 0 ? size_t(n) : 0);
  if (int64_t frac = hms.subseconds().count(); frac != 0) {
    n = std::snprintf(buf, sizeof(buf), ".%09lld", static_cast<long long>(frac));
    std::string digits(buf, size_t(n));
    while (digits.back() == '0') digits.pop_back();
    out += digits;
  }
  out += 'Z';
  return out;
}

}  // namespace myriad::http
