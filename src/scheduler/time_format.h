// Meilisearch's text form of a task's duration. Instants are util/rfc3339.h.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace myriad::scheduler {

// ISO-8601 duration as Meilisearch prints it: "P" + "{d}D" when there are whole
// days + "T{s}S" when there are seconds or no days; a fraction has 3, 6 or 9
// digits, the shortest that is exact. 0 -> "PT0S", 1.5 s -> "PT1.500S",
// 12.345 ms -> "PT0.012345S", one day -> "P1D". Negative -> nullopt (null).
std::optional<std::string> FormatIsoDuration(int64_t ns);

}  // namespace myriad::scheduler
