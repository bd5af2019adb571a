// RFC 3339 timestamps as Meilisearch prints them: UTC with a `Z`, fractional
// seconds with trailing zeros trimmed and dropped when zero
// ("2050-11-13T00:00:00Z", "2024-08-08T17:05:55.791772Z").
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <string>

namespace myriad::http {

// `unix_ns`: nanoseconds since the Unix epoch (negative values are before 1970).
std::string FormatRfc3339(int64_t unix_ns);

}  // namespace myriad::http
