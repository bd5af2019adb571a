// App tests: every route of `myriad serve`, wired as serve_command.cc wires
// them (auth guard, key store, scheduler and its tick loop), served by the real
// server on a free loopback port, in a temporary directory.
//
// Thread safety: a gtest fixture (the server's workers run the handlers, the
// scheduler's thread runs the tasks).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/authorizer.h"
#include "http/auth_guard.h"
#include "http/routes.h"
#include "http/search_routes.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "http/write_routes.h"
#include "index_mapper/index_mapper_test_util.h"
#include "scheduler/scheduler.h"

namespace myriad::http::testing {

class AppTest : public ::testing::Test {
 protected:
  // Opens the stores, registers every route and starts the server. An empty
  // `master_key` means none. Call from SetUp.
  void StartApp(const std::string& master_key, ServerOptions options = {}) {
    mapper_ = index_mapper::testing::OpenMapper(dir_.Sub("db"),
                                                index_mapper::testing::SmallBudget(1 * kGiB));
    ASSERT_NE(mapper_, nullptr);
    auto tasks = scheduler::TaskStore::Open(dir_.Sub("tasks"), 0, true);
    ASSERT_TRUE(tasks.ok());
    tasks_ = std::move(tasks).value();
    auto files = scheduler::UpdateFiles::Open(dir_.Sub("update_files"));
    ASSERT_TRUE(files.ok());
    files_ = std::move(files).value();
    auto tick = scheduler::Scheduler::Start(*tasks_, *files_, *mapper_);
    ASSERT_TRUE(tick.ok());
    scheduler_ = std::move(tick).value();
    auto authorizer = auth::Authorizer::Open(dir_.Sub("auth"), master_key, true);
    ASSERT_TRUE(authorizer.ok());
    authorizer_ = std::move(authorizer).value();

    // As `myriad serve` wires them.
    router_.SetGuard(MakeAuthGuard(*authorizer_));
    AddHealthRoutes(router_);
    AddKeyRoutes(router_, *authorizer_);
    AddIndexReadRoutes(router_, *mapper_, [s = scheduler_.get()] { return s->ProcessingIndex(); });
    AddIndexWriteRoutes(router_, *scheduler_);
    AddBackupRoutes(router_, *scheduler_);
    AddDocumentRoutes(router_, *mapper_, *scheduler_);
    AddTaskRoutes(router_, *tasks_, *scheduler_);
    AddSettingsRoutes(router_, *mapper_, *scheduler_);
    AddSearchRoutes(router_, *mapper_);
    AddFacetSearchRoutes(router_, *mapper_);
    options.port = 0;
    options.worker_threads = 2;
    auto server = Server::Start(options, router_);
    ASSERT_TRUE(server.ok());
    server_ = std::move(server).value();
  }
  void TearDown() override {
    server_.reset();
    scheduler_.reset();
  }

  myriad::testing::TempDir dir_;
  std::unique_ptr<index_mapper::IndexMapper> mapper_;
  std::unique_ptr<scheduler::TaskStore> tasks_;
  std::unique_ptr<scheduler::UpdateFiles> files_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  std::unique_ptr<auth::Authorizer> authorizer_;
  Router router_;
  std::unique_ptr<Server> server_;
};

}  // namespace myriad::http::testing
