// Private to vas/: small readers of /proc files.
//
// Thread safety: pure functions of the file system; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace myriad::vas::internal {

// The first unsigned integer in the file at `path`, or nullopt when the file
// cannot be read or does not start with a number.
std::optional<uint64_t> ReadUintFile(const std::string& path);

// The number of lines in the file at `path`, or nullopt when it cannot be read.
std::optional<uint64_t> CountLines(const std::string& path);

// VmSize from /proc/self/status, in bytes, or nullopt when not readable.
std::optional<uint64_t> ReadVmSizeBytes();

}  // namespace myriad::vas::internal
