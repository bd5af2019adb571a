// Meilisearch's text forms of instants and durations, and the parsing of the
// date bounds of GET /tasks.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::scheduler {

// RFC 3339 in UTC with a `Z` suffix, for `ns` nanoseconds since the Unix epoch.
// Fractional seconds have their trailing zeros trimmed and are dropped when
// zero: "2024-08-08T17:05:55.791772Z", "2024-08-08T17:05:55Z".
std::string FormatRfc3339(int64_t ns);

// ISO-8601 duration as Meilisearch prints it: "P" + "{d}D" when there are whole
// days + "T{s}S" when there are seconds or no days; a fraction has 3, 6 or 9
// digits, the shortest that is exact. 0 -> "PT0S", 1.5 s -> "PT1.500S",
// 12.345 ms -> "PT0.012345S", one day -> "P1D". Negative -> nullopt (null).
std::optional<std::string> FormatIsoDuration(int64_t ns);

// Which side of a GET /tasks date filter a value bounds.
enum class DateBound { kAfter, kBefore };

// Parses an RFC 3339 date-time (any offset, fraction up to 9 digits) or a
// `YYYY-MM-DD` date into nanoseconds since the Unix epoch. A date alone means
// its midnight UTC for kBefore and the next midnight for kAfter, as Meilisearch.
// kInvalidArgument when `text` is neither form or names no real date.
Result<int64_t> ParseTaskDate(std::string_view text, DateBound bound);

}  // namespace myriad::scheduler
