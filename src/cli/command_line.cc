#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <string>

namespace myriad::cli {
namespace {

// Fills `*value` from MEILI_<name> when MYRIAD_<name> is unset; CLI11 then
// overrides it from the flag or MYRIAD_<name>.
void ApplyMeiliAlias(const std::string& name, std::string* value) {
  if (std::getenv(("MYRIAD_" + name).c_str()) != nullptr) return;
  if (const char* alias = std::getenv(("MEILI_" + name).c_str())) *value = alias;
}

void AddServeFlag(CLI::App& app, const std::string& flag, const std::string& env_suffix,
                  std::string* value, const std::string& help, const std::string& type) {
  ApplyMeiliAlias(env_suffix, value);
  app.add_option(flag, *value, help + "; env alias MEILI_" + env_suffix)
      ->envname("MYRIAD_" + env_suffix)
      ->type_name(type);
}

// A flag without a value (or with true/false), MYRIAD_<name> or MEILI_<name>.
void AddServeSwitch(CLI::App& app, const std::string& flag, const std::string& env_suffix,
                    bool* value, const std::string& help) {
  if (std::getenv(("MYRIAD_" + env_suffix).c_str()) == nullptr) {
    if (const char* alias = std::getenv(("MEILI_" + env_suffix).c_str())) {
      const std::string text = alias;
      *value = text == "true" || text == "1" || text == "yes" || text == "on";
    }
  }
  app.add_flag(flag, *value, help + "; env alias MEILI_" + env_suffix)
      ->envname("MYRIAD_" + env_suffix);
}

void AddGlobalOptions(CLI::App& app, GlobalOptions* options) {
  app.add_option("--address-budget", options->address_budget_text,
                 "Virtual address space the index mapper may use for LMDB maps, replacing "
                 "the measured budget (e.g. 64GiB, 2TiB, 500GB)")
      ->envname("MYRIAD_ADDRESS_BUDGET")
      ->type_name("SIZE");
}

void AddServeOptions(CLI::App& app, ServeOptions* options) {
  AddServeFlag(app, "--db-path", "DB_PATH", &options->db_path,
               "Directory of the database (default ./data.ms)", "DIR");
  AddServeFlag(app, "--http-addr", "HTTP_ADDR", &options->http_addr,
               "Address to listen on: host:port, [ipv6]:port (default localhost:7700)",
               "HOST:PORT");
  AddServeFlag(app, "--http-payload-size-limit", "HTTP_PAYLOAD_SIZE_LIMIT",
               &options->payload_limit_text,
               "Largest accepted request body; larger ones get 413 payload_too_large (default "
               "100MB)",
               "SIZE");
  AddServeFlag(app, "--log-level", "LOG_LEVEL", &options->log_level,
               "error, warn, info, debug or trace (default info)", "LEVEL");
  AddServeFlag(app, "--master-key", "MASTER_KEY", &options->master_key,
               "Master key: when set, every route but /health needs an API key (or this key) as "
               "`Authorization: Bearer`; at least 16 bytes in production",
               "KEY");
  AddServeFlag(app, "--env", "ENV", &options->env,
               "development (default) or production; production refuses to start without a "
               "master key of at least 16 bytes",
               "ENV");
  AddServeFlag(app, "--dump-dir", "DUMP_DIR", &options->dump_dir,
               "Directory where POST /dumps writes <dumpUid>.dump (default dumps/)", "DIR");
  AddServeFlag(app, "--import-dump", "IMPORT_DUMP", &options->import_dump,
               "Build the database from this dump (Meilisearch's format v6, as Meilisearch v1.x "
               "or Myriad writes it) before serving; refused when --db-path already holds a "
               "database",
               "FILE");
  AddServeSwitch(app, "--ignore-missing-dump", "IGNORE_MISSING_DUMP", &options->ignore_missing_dump,
                 "Start without importing when the --import-dump file does not exist");
  AddServeSwitch(app, "--ignore-dump-if-db-exists", "IGNORE_DUMP_IF_DB_EXISTS",
                 &options->ignore_dump_if_db_exists,
                 "Start on the existing database, without importing, when --db-path holds one");
  AddServeFlag(app, "--snapshot-dir", "SNAPSHOT_DIR", &options->snapshot_dir,
               "Directory where POST /snapshots (and --schedule-snapshot) writes "
               "<db name>.snapshot (default snapshots/)",
               "DIR");
  ApplyMeiliAlias("SCHEDULE_SNAPSHOT", &options->schedule_snapshot_text);
  CLI::Option* schedule =
      app.add_option("--schedule-snapshot", options->schedule_snapshot_text,
                     "Take a snapshot every SECONDS (86400 when the flag has no value); env "
                     "alias MEILI_SCHEDULE_SNAPSHOT (true, false or seconds)")
          ->envname("MYRIAD_SCHEDULE_SNAPSHOT")
          ->expected(0, 1)
          ->type_name("[SECONDS]");
  // The flag alone leaves the text empty: it then means daily.
  app.callback([schedule, options] {
    if (schedule->count() > 0 && options->schedule_snapshot_text.empty()) {
      options->schedule_snapshot_text = "true";
    }
  });
  AddServeFlag(app, "--import-snapshot", "IMPORT_SNAPSHOT", &options->import_snapshot,
               "Restore the database from this snapshot (written by POST /snapshots) before "
               "serving; refused when --db-path already holds a database",
               "FILE");
  AddServeSwitch(app, "--ignore-missing-snapshot", "IGNORE_MISSING_SNAPSHOT",
                 &options->ignore_missing_snapshot,
                 "Start without restoring when the --import-snapshot file does not exist");
  AddServeSwitch(app, "--ignore-snapshot-if-db-exists", "IGNORE_SNAPSHOT_IF_DB_EXISTS",
                 &options->ignore_snapshot_if_db_exists,
                 "Start on the existing database, without restoring, when --db-path holds one");
}

}  // namespace

std::variant<CommandLine, int> ParseCommandLine(int argc, char** argv) {
  CLI::App app{"Myriad: a search engine server with the Meilisearch HTTP API"};
  app.name("myriad");
  app.fallthrough();
  CommandLine line;
  AddGlobalOptions(app, &line.global);
  AddServeOptions(app, &line.serve);
  CLI::App* budget = app.add_subcommand(
      "budget", "Measure the virtual address space and print the budget for LMDB maps as JSON");
  CLI::App* check = app.add_subcommand(
      "check",
      "Check the database at --db-path (every env, every database, the registry's counts, the "
      "update files) and print a JSON report; exit 1 on a problem. Run it while no server uses "
      "the directory");
  app.add_subcommand("serve",
                     "Serve the Meilisearch HTTP API (the default when no command is given)");
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == static_cast<int>(CLI::ExitCodes::Success) ? 0 : kUsageError;
  }
  if (budget->parsed()) line.command = Command::kBudget;
  if (check->parsed()) line.command = Command::kCheck;
  return line;
}

}  // namespace myriad::cli
