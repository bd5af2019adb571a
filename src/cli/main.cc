// The `myriad` executable: parses flags and runs one subcommand; `serve` when
// none is named.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/budget_command.h"
#include "cli/check_command.h"
#include "cli/global_options.h"
#include "cli/serve_command.h"
#include "cli/serve_options.h"

namespace {

// Usage errors (bad flag, bad value) exit with 2, as most Unix tools do.
constexpr int kUsageError = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Myriad: a search engine server with the Meilisearch HTTP API"};
  app.name("myriad");
  // Global flags are accepted after the subcommand name too.
  app.fallthrough();
  myriad::cli::GlobalOptions options;
  myriad::cli::AddGlobalOptions(app, &options);
  myriad::cli::ServeOptions serve_options;
  myriad::cli::AddServeOptions(app, &serve_options);
  CLI::App* budget = myriad::cli::AddBudgetCommand(app);
  CLI::App* check = myriad::cli::AddCheckCommand(app);
  myriad::cli::AddServeCommand(app);
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == static_cast<int>(CLI::ExitCodes::Success) ? 0 : kUsageError;
  }
  if (myriad::Status st = myriad::cli::ResolveGlobalOptions(&options); !st.ok()) {
    std::cerr << "myriad: " << st.message() << "\n";
    return kUsageError;
  }

  if (budget->parsed()) return myriad::cli::RunBudgetCommand(options, std::cout, std::cerr);
  if (check->parsed()) return myriad::cli::RunCheckCommand(serve_options.db_path, std::cout);
  if (myriad::Status st = myriad::cli::ResolveServeOptions(&serve_options); !st.ok()) {
    std::cerr << "myriad: " << st.message() << "\n";
    return kUsageError;
  }
  return myriad::cli::RunServeCommand(options, serve_options);
}
