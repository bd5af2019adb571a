#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <string.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "auth/authorizer.h"
#include "backup/backup_tasks.h"
#include "backup/dump_import.h"
#include "backup/snapshot.h"
#include "cli/snapshot_schedule.h"
#include "http/auth_guard.h"
#include "http/routes.h"
#include "http/search_routes.h"
#include "http/server.h"
#include "http/version.h"
#include "http/write_routes.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/scheduler.h"
#include "util/byte_size.h"
#include "vas/address_budget.h"

namespace myriad::cli {
namespace {

// Exit codes, as documented in the header.
constexpr int kStartFailed = 1;
constexpr int kUsageError = 2;

void SetUpLogging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("myriad");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

// --import-dump or --import-snapshot, and their two --ignore flags, as
// Meilisearch reads them.
struct ImportRequest {
  std::string what;  // "dump" or "snapshot"
  std::string file;
  bool ignore_missing = false;
  bool ignore_if_db_exists = false;
  std::function<Status(const std::string& file, const std::string& db_path)> import;
};

// False when the start must stop.
bool ImportIfAsked(const ImportRequest& request, const std::string& db_path) {
  if (request.file.empty()) return true;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(request.file, ec)) {
    if (request.ignore_missing) {
      spdlog::info("no {} at {}: starting without importing (--ignore-missing-{})", request.what,
                   request.file, request.what);
      return true;
    }
    spdlog::error(
        "{} doesn't exist at the given path: {} (pass --ignore-missing-{} to start "
        "without it)",
        request.what, request.file, request.what);
    return false;
  }
  if (std::filesystem::exists(db_path, ec) && !std::filesystem::is_empty(db_path, ec)) {
    if (request.ignore_if_db_exists) {
      spdlog::info("a database exists at {}: starting on it without importing {}", db_path,
                   request.file);
      return true;
    }
    spdlog::error(
        "a database already exists at {}: remove it to import {}, or pass "
        "--ignore-{}-if-db-exists to start on it",
        db_path, request.file, request.what);
    return false;
  }
  std::filesystem::remove(db_path, ec);  // an empty directory
  spdlog::info("importing the {} {} into {}", request.what, request.file, db_path);
  if (Status st = request.import(request.file, db_path); !st.ok()) {
    spdlog::error("cannot import the {} {}: {}", request.what, request.file, st.message());
    return false;
  }
  spdlog::info("imported the {} {}", request.what, request.file);
  return true;
}

bool ImportIfAsked(const ServeOptions& serve, const index_mapper::IndexMapperOptions& mapper) {
  const ImportRequest dump{
      "dump", serve.import_dump, serve.ignore_missing_dump, serve.ignore_dump_if_db_exists,
      [&](const std::string& file, const std::string& db_path) {
        backup::ImportOptions options;
        options.mapper = mapper;
        options.progress = [](const std::string& line) { spdlog::info("import: {}", line); };
        return backup::ImportDump(file, db_path, options);
      }};
  const ImportRequest snapshot{"snapshot", serve.import_snapshot, serve.ignore_missing_snapshot,
                               serve.ignore_snapshot_if_db_exists,
                               [&](const std::string& file, const std::string& db_path) {
                                 return backup::ImportSnapshot(file, db_path, mapper);
                               }};
  return ImportIfAsked(dump, serve.db_path) && ImportIfAsked(snapshot, serve.db_path);
}

}  // namespace

int RunServeCommand(const GlobalOptions& global, const ServeOptions& serve) {
  SetUpLogging(serve.log_level);

  // Before any thread starts, so every thread inherits the mask and only
  // sigwait below sees these signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Measured before the server's threads run: the probe briefly holds most of
  // the address space.
  vas::RaiseFdLimit();
  Result<vas::AddressMeasurement> measurement = vas::MeasureAddressSpace();
  if (!measurement.ok()) {
    spdlog::error("cannot measure the address space: {}", measurement.status().ToString());
    return kStartFailed;
  }
  const vas::AddressBudget budget =
      vas::PlanBudget(*measurement, vas::ReadProcessLimits(), global.address_budget_bytes);

  index_mapper::IndexMapperOptions mapper_options;
  mapper_options.root = serve.db_path;
  mapper_options.budget = budget;
  if (!ImportIfAsked(serve, mapper_options)) return kStartFailed;
  Result<std::unique_ptr<index_mapper::IndexMapper>> mapper =
      index_mapper::IndexMapper::Open(mapper_options);
  if (!mapper.ok()) {
    spdlog::error("cannot open the database at {}: {}", serve.db_path, mapper.status().ToString());
    return kStartFailed;
  }

  Result<std::unique_ptr<scheduler::TaskStore>> tasks =
      scheduler::TaskStore::Open(serve.db_path + "/tasks");
  Result<std::unique_ptr<scheduler::UpdateFiles>> files =
      tasks.ok() ? scheduler::UpdateFiles::Open(serve.db_path + "/update_files")
                 : Result<std::unique_ptr<scheduler::UpdateFiles>>(tasks.status());
  if (!files.ok()) {
    spdlog::error("cannot open the task queue in {}: {}", serve.db_path, files.status().ToString());
    return kStartFailed;
  }
  Result<std::unique_ptr<auth::Authorizer>> authorizer =
      auth::Authorizer::Open(serve.db_path + "/auth", serve.master_key);
  if (!authorizer.ok()) {
    spdlog::error("cannot open the API keys in {}: {}", serve.db_path,
                  authorizer.status().ToString());
    return kStartFailed;
  }
  const backup::BackupSources backup_sources{**mapper, **tasks, **files, **authorizer,
                                             std::string(http::BuildVersion().pkg_version)};
  Result<std::unique_ptr<scheduler::Scheduler>> tick = scheduler::Scheduler::Start(
      **tasks, **files, **mapper, {},
      {.dump_creation = backup::MakeDumpRunner(backup_sources, serve.dump_dir),
       .snapshot_creation = backup::MakeSnapshotRunner(backup_sources, serve.snapshot_dir,
                                                       backup::SnapshotFileName(serve.db_path))});
  if (!tick.ok()) {
    spdlog::error("cannot start the scheduler: {}", tick.status().ToString());
    return kStartFailed;
  }

  if (serve.master_key.empty()) {
    spdlog::warn(
        "no master key is set: every route is open to anyone who can reach the server. Set "
        "--master-key (and --env production) before exposing it.");
  } else if (serve.master_key.size() < kMinMasterKeyBytes) {
    spdlog::warn("the master key is shorter than {} bytes: use a longer one in production",
                 kMinMasterKeyBytes);
  }

  http::Router router;
  router.SetGuard(http::MakeAuthGuard(**authorizer));
  http::AddHealthRoutes(router);
  http::AddKeyRoutes(router, **authorizer);
  http::AddIndexReadRoutes(router, **mapper, [s = tick->get()] { return s->ProcessingIndex(); });
  http::AddIndexWriteRoutes(router, **tick);
  http::AddBackupRoutes(router, **tick);
  http::AddDocumentRoutes(router, **mapper, **tick);
  http::AddTaskRoutes(router, **tasks, **tick);
  http::AddSettingsRoutes(router, **mapper, **tick);
  http::AddSearchRoutes(router, **mapper);
  http::AddFacetSearchRoutes(router, **mapper);

  std::unique_ptr<SnapshotSchedule> snapshot_schedule;
  if (serve.schedule_snapshot_seconds > 0) {
    snapshot_schedule = std::make_unique<SnapshotSchedule>(
        **tick, std::chrono::seconds(serve.schedule_snapshot_seconds));
    spdlog::info("a snapshot every {} s into {}", serve.schedule_snapshot_seconds,
                 serve.snapshot_dir);
  }

  http::ServerOptions server_options;
  server_options.address = serve.addr.host;
  server_options.port = serve.addr.port;
  server_options.payload_limit_bytes = serve.payload_limit_bytes;
  Result<std::unique_ptr<http::Server>> server = http::Server::Start(server_options, router);
  if (!server.ok()) {
    spdlog::error("{}", server.status().message());
    return server.status().code() == StatusCode::kInvalidArgument ? kUsageError : kStartFailed;
  }
  spdlog::info(
      "listening on http://{} (db {}); address budget {} usable, {} largest map{}, "
      "fd limit {}, {} indexes of 64 MiB open at once",
      (*server)->address(), serve.db_path, FormatByteSize(budget.usable_bytes),
      FormatByteSize(budget.max_map_bytes), budget.overridden ? " (overridden)" : "",
      budget.limits.fd_limit, vas::OpenCapacity(budget, 64 * kMiB));

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("received {}, shutting down", strsignal(signal_number));
  (*server)->Stop();
  server->reset();  // the handlers borrow the scheduler, the tasks, the mapper and the keys
  snapshot_schedule.reset();
  const uint64_t replays = (*tick)->replays();
  tick->reset();  // finishes the batch in progress
  spdlog::info("scheduler: {} write(s) replayed after MDB_MAP_FULL", replays);
  mapper->reset();
  spdlog::info("stopped");
  return 0;
}

}  // namespace myriad::cli
