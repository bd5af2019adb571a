// The `myriad` command line: every subcommand, flag and environment variable.
// Declared with CLI11 in command_line.cc alone: CLI11 is header-only here and
// costs seconds of compile time in every file that includes it.
//
// Serve flags are also read from MYRIAD_<NAME> and, when that is unset, from
// Meilisearch's MEILI_<NAME>, so an existing deployment's environment works
// unchanged. Precedence: flag, MYRIAD_, MEILI_, default. They are declared on
// the top-level app because `serve` is also what runs when no subcommand is
// named: `myriad --db-path x` serves. Global flags are accepted after the
// subcommand name too.
//
// Thread safety: call on the main thread, before any other thread starts (it
// reads the environment).
#pragma once

#include <variant>

#include "cli/global_options.h"
#include "cli/serve_options.h"

namespace myriad::cli {

// Usage errors (bad flag, bad value) exit with 2, as most Unix tools do.
inline constexpr int kUsageError = 2;

enum class Command { kServe, kBudget, kCheck };

struct CommandLine {
  Command command = Command::kServe;
  GlobalOptions global;  // texts as typed: ResolveGlobalOptions parses them
  ServeOptions serve;    // texts as typed: ResolveServeOptions parses them
};

// The parsed command line; or, for --help and usage errors, the process exit
// code (0 or kUsageError) once CLI11's help or error text is printed.
std::variant<CommandLine, int> ParseCommandLine(int argc, char** argv);

}  // namespace myriad::cli
