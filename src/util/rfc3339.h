// RFC 3339 instants as Meilisearch prints and reads them, for every module
// that shows or accepts a timestamp (tasks, indexes, keys, stats).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad {

// UTC with a `Z` suffix, for `unix_ns` nanoseconds since the Unix epoch
// (negative values are before 1970). Fractional seconds have their trailing
// zeros trimmed and are dropped when zero: "2024-08-08T17:05:55.791772Z",
// "2050-11-13T00:00:00Z".
std::string FormatRfc3339(int64_t unix_ns);

// Which instant a `YYYY-MM-DD` without a time stands for. Meilisearch reads a
// lone date as its midnight UTC, except as the lower bound of a task filter
// (`afterEnqueuedAt=2024-08-08`), where it means the end of that day.
enum class LoneDate { kItsMidnight, kNextMidnight };

// Parses an RFC 3339 date-time (any offset, fraction up to 9 digits) or a
// `YYYY-MM-DD` date into nanoseconds since the Unix epoch.
// kInvalidArgument when `text` is neither form or names no real date.
Result<int64_t> ParseRfc3339(std::string_view text, LoneDate lone_date);

}  // namespace myriad
