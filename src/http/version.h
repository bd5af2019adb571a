// What `GET /version` reports: the package version from CMake and the git
// commit the build was configured from ("unknown" outside a git checkout).
//
// Thread safety: constants.
#pragma once

#include <string_view>

namespace myriad::http {

struct VersionInfo {
  std::string_view commit_sha;
  std::string_view commit_date;  // RFC 3339, or "unknown"
  std::string_view pkg_version;  // "0.1.0"
};

VersionInfo BuildVersion();

}  // namespace myriad::http
