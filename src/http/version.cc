#include "http/version.h"

// Set by src/http/CMakeLists.txt on this file only, so a new commit recompiles
// one file.
#ifndef MYRIAD_COMMIT_SHA
#define MYRIAD_COMMIT_SHA "unknown"
#endif
#ifndef MYRIAD_COMMIT_DATE
#define MYRIAD_COMMIT_DATE "unknown"
#endif
#ifndef MYRIAD_PKG_VERSION
#define MYRIAD_PKG_VERSION "unknown"
#endif

namespace myriad::http {

VersionInfo BuildVersion() {
  return VersionInfo{MYRIAD_COMMIT_SHA, MYRIAD_COMMIT_DATE, MYRIAD_PKG_VERSION};
}

}  // namespace myriad::http
