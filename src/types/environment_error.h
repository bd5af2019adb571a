// What a user is told when the machine or the files fail: the one mapping from
// an environment Status to Meilisearch's error code, type and message, shared
// by the HTTP error responses and the errors recorded in failed tasks, so a
// failure reads the same whichever of them reports it. (Caller errors are not
// here: what kNotFound means depends on the route or task that met it.)
//
//   kAddressSpaceExhausted -> address_space_exhausted, system
//   kNoSpace (ENOSPC, EDQUOT) -> no_space_left_on_device, system, with
//       Meilisearch's message (util's NoSpaceMessage)
//   everything else -> internal, internal
//
// kResourceExhausted is internal: it is a limit we hit (LMDB readers or
// databases, open files, a store at its largest map, ids or fields used up),
// never a full disk, so telling the user to free disk space would mislead;
// the message names the limit.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace myriad::types {

struct EnvironmentError {
  std::string_view code;  // Meilisearch's error code
  std::string_view type;  // "system" or "internal"
  std::string message;
};

// REQUIRES: !status.ok(). A caller error that reaches here had no code of its
// own (it is not a RequestError) and is reported as internal.
EnvironmentError DescribeEnvironmentError(const Status& status);

}  // namespace myriad::types
