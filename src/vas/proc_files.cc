#include "vas/proc_files.h"

#include <fstream>
#include <limits>
#include <string>

#include "util/byte_size.h"

namespace myriad::vas::internal {

std::optional<uint64_t> ReadUintFile(const std::string& path) {
  std::ifstream in(path);
  uint64_t value = 0;
  if (!(in >> value)) return std::nullopt;
  return value;
}

std::optional<uint64_t> CountLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  uint64_t lines = 0;
  std::string line;
  while (std::getline(in, line)) ++lines;
  return lines;
}

std::optional<uint64_t> ReadVmSizeBytes() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmSize:") {
      uint64_t kib = 0;
      if (!(in >> kib)) return std::nullopt;  // The kernel always reports kB.
      return kib * kKiB;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return std::nullopt;
}

}  // namespace myriad::vas::internal
