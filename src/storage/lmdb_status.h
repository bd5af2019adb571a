// The one mapping of LMDB return codes and errno values to Status.
#pragma once

#include <string_view>

#include "util/status.h"

namespace myriad::storage {

// Maps an `mdb_*` return code (MDB_* or errno) to a Status; `what` names the
// operation and goes first in the message. MDB_SUCCESS maps to Ok.
Status FromLmdb(int rc, std::string_view what);

}  // namespace myriad::storage
