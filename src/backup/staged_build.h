// Building a database beside its final place, then moving it there: how an
// import (of a dump or a snapshot) never leaves a half-built database.
//
// Thread safety: one build per db_path at a time; runs before the server.
#pragma once

#include <functional>
#include <string>

#include "util/status.h"

namespace myriad::backup {

// Runs `build` on an empty directory `<db_path>.importing` (removing what an
// earlier, interrupted build left there), then renames it to `db_path`. On any
// error the directory is removed and `db_path` is untouched.
// REQUIRES: nothing exists at db_path.
Status BuildBeside(const std::string& db_path,
                   const std::function<Status(const std::string& building)>& build);

}  // namespace myriad::backup
