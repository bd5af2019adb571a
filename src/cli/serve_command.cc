#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <string.h>

#include <memory>

#include "auth/authorizer.h"
#include "http/auth_guard.h"
#include "http/routes.h"
#include "http/search_routes.h"
#include "http/server.h"
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
  Result<std::unique_ptr<scheduler::Scheduler>> tick =
      scheduler::Scheduler::Start(**tasks, **files, **mapper);
  if (!tick.ok()) {
    spdlog::error("cannot start the scheduler: {}", tick.status().ToString());
    return kStartFailed;
  }

  Result<std::unique_ptr<auth::Authorizer>> authorizer =
      auth::Authorizer::Open(serve.db_path + "/auth", serve.master_key);
  if (!authorizer.ok()) {
    spdlog::error("cannot open the API keys in {}: {}", serve.db_path,
                  authorizer.status().ToString());
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
  http::AddDocumentRoutes(router, **mapper, **tick);
  http::AddTaskRoutes(router, **tasks, **tick);
  http::AddSettingsRoutes(router, **mapper, **tick);
  http::AddSearchRoutes(router, **mapper);
  http::AddFacetSearchRoutes(router, **mapper);

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
  const uint64_t replays = (*tick)->replays();
  tick->reset();  // finishes the batch in progress
  spdlog::info("scheduler: {} write(s) replayed after MDB_MAP_FULL", replays);
  mapper->reset();
  spdlog::info("stopped");
  return 0;
}

}  // namespace myriad::cli
