// The `myriad` executable: parses flags and runs one subcommand; `serve` when
// none is named.
#include <iostream>
#include <variant>

#include "cli/budget_command.h"
#include "cli/check_command.h"
#include "cli/command_line.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  using namespace myriad::cli;
  std::variant<CommandLine, int> parsed = ParseCommandLine(argc, argv);
  if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
  CommandLine& line = std::get<CommandLine>(parsed);
  if (myriad::Status st = ResolveGlobalOptions(&line.global); !st.ok()) {
    std::cerr << "myriad: " << st.message() << "\n";
    return kUsageError;
  }
  switch (line.command) {
    case Command::kBudget:
      return RunBudgetCommand(line.global, std::cout, std::cerr);
    case Command::kCheck:
      return RunCheckCommand(line.serve.db_path, std::cout);
    case Command::kServe:
      break;
  }
  if (myriad::Status st = ResolveServeOptions(&line.serve); !st.ok()) {
    std::cerr << "myriad: " << st.message() << "\n";
    return kUsageError;
  }
  return RunServeCommand(line.global, line.serve);
}
