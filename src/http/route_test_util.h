// Route tests: the routes a test adds, served by the real server on a free
// loopback port, over a real IndexMapper in a temporary directory.
//
// Thread safety: a gtest fixture (the server's workers run the handlers).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "http/router.h"
#include "http/server.h"
#include "http/test_http_client.h"
#include "index_mapper/index_mapper_test_util.h"

namespace myriad::http::testing {

class RouteTest : public ::testing::Test {
 protected:
  // Opens the mapper, lets `add_routes` register on the router, starts the
  // server. Call from SetUp.
  void StartServer(const std::function<void(Router&, index_mapper::IndexMapper&)>& add_routes) {
    mapper_ = index_mapper::testing::OpenMapper(dir_.path(),
                                                index_mapper::testing::SmallBudget(1 * kGiB));
    ASSERT_NE(mapper_, nullptr);
    add_routes(router_, *mapper_);
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    auto server = Server::Start(options, router_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }
  void TearDown() override { server_.reset(); }

  myriad::testing::TempDir dir_;
  std::unique_ptr<index_mapper::IndexMapper> mapper_;
  Router router_;
  std::unique_ptr<Server> server_;
};

}  // namespace myriad::http::testing
