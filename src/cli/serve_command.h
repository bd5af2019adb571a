// `myriad serve` (also what runs with no subcommand): measures the address
// space, opens the index mapper on --db-path, serves the HTTP API until
// SIGTERM or SIGINT, then stops the server and closes every index cleanly.
//
// Thread safety: run on the main thread, before any other thread exists: it
// blocks SIGTERM and SIGINT for every thread it starts and waits for them with
// sigwait.
#pragma once

#include "cli/global_options.h"
#include "cli/serve_options.h"

namespace myriad::cli {

// Returns the process exit code: 0 after a signal, 1 when the server cannot
// start (e.g. the port is in use), 2 when the address does not resolve.
// REQUIRES: ResolveServeOptions(&serve) succeeded.
int RunServeCommand(const GlobalOptions& global, const ServeOptions& serve);

}  // namespace myriad::cli
