#include "util/byte_size.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace myriad {
namespace {

struct Unit {
  std::string_view name;
  uint64_t factor;
};

constexpr std::array<Unit, 9> kUnits = {{{"b", 1},
                                         {"kb", 1000},
                                         {"mb", 1000 * 1000},
                                         {"gb", 1000ull * 1000 * 1000},
                                         {"tb", 1000ull * 1000 * 1000 * 1000},
                                         {"kib", kKiB},
                                         {"mib", kMiB},
                                         {"gib", kGiB},
                                         {"tib", kTiB}}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<uint64_t> ParseByteSize(std::string_view text) {
  const std::string_view input = Trim(text);
  size_t digits = 0;
  while (digits < input.size() &&
         (std::isdigit(static_cast<unsigned char>(input[digits])) || input[digits] == '.')) {
    ++digits;
  }
  const std::string_view number = input.substr(0, digits);
  std::string unit;
  for (char c : Trim(input.substr(digits))) unit += static_cast<char>(std::tolower(c));
  auto invalid = [&] {
    std::string message = "`";
    message.append(text);
    message.append("` is not a byte size; expected for example 4096, 64MiB or 2GB");
    return Status::InvalidArgument(std::move(message));
  };
  if (number.empty()) return invalid();
  uint64_t factor = 1;
  if (!unit.empty()) {
    bool found = false;
    for (const Unit& u : kUnits) {
      if (u.name == unit) {
        factor = u.factor;
        found = true;
      }
    }
    if (!found) return invalid();
  }
  if (number.find('.') == std::string_view::npos) {
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec != std::errc() || end != number.data() + number.size()) return invalid();
    if (n > UINT64_MAX / factor) return invalid();
    return n * factor;
  }
  double d = 0;
  int consumed = 0;
  if (std::sscanf(std::string(number).c_str(), "%lf%n", &d, &consumed) != 1 ||
      static_cast<size_t>(consumed) != number.size() || !std::isfinite(d)) {
    return invalid();
  }
  const long double bytes = static_cast<long double>(d) * factor;
  if (bytes >= 18446744073709551615.0L) return invalid();
  return static_cast<uint64_t>(bytes);
}

std::string FormatByteSize(uint64_t bytes) {
  static constexpr std::array<std::string_view, 5> kNames = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  size_t i = 0;
  while (v >= 1024 && i + 1 < kNames.size()) {
    v /= 1024;
    ++i;
  }
  char buf[32];
  if (i == 0 || v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f %s", v, std::string(kNames[i]).c_str());
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, std::string(kNames[i]).c_str());
  }
  return buf;
}

}  // namespace myriad
