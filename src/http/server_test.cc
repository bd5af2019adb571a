// Drives the real server through real sockets on 127.0.0.1.
#include "http/server.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "http/routes.h"
#include "http/test_http_client.h"

namespace myriad::http {
namespace {

using testing::Fetch;
using testing::TestConnection;
using testing::TestResponse;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddHealthRoutes(router_);
    // Echoes what the server handed to the router.
    router_.Add("POST", "/echo/{name}", [](const Request& req, const PathParams& p) {
      std::string out = std::string(p.Get("name")) + "|" + req.body + "|" +
                        std::string(req.Query("q").value_or("-")) + "|" +
                        req.content_type.value_or("-");
      return Response{200, out, "text/plain"};
    });
    // A body shared with the route (as a cache shares it), 3 MB of it.
    router_.Add("GET", "/shared", [this](const Request&, const PathParams&) {
      Response r;
      r.status = 201;
      r.content_type = "text/plain";
      r.shared_body = shared_body_;
      return r;
    });
    ServerOptions options;
    options.port = 0;
    options.payload_limit_bytes = 1024;
    options.worker_threads = 2;
    auto server = Server::Start(options, router_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_NE(server_->port(), 0);
  }

  std::shared_ptr<const std::string> shared_body_ = [] {
    std::string body;
    for (int i = 0; body.size() < 3'000'000; ++i) body += std::to_string(i) + ',';
    return std::make_shared<const std::string>(std::move(body));
  }();
  Router router_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, Health) {
  std::optional<TestResponse> r = Fetch(server_->port(), "GET", "/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(boost::json::parse(r->body), boost::json::parse(R"({"status":"available"})"));
}

TEST_F(ServerTest, VersionHasThreeStrings) {
  std::optional<TestResponse> r = Fetch(server_->port(), "GET", "/version");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  boost::json::object o = boost::json::parse(r->body).as_object();
  EXPECT_EQ(o.size(), 3u);
  for (const char* key : {"commitSha", "commitDate", "pkgVersion"}) {
    ASSERT_TRUE(o.contains(key)) << key;
    EXPECT_TRUE(o[key].is_string()) << key;
  }
  EXPECT_EQ(o["pkgVersion"], "0.1.0");
}

TEST_F(ServerTest, UnknownRouteIs404WithEmptyBody) {
  std::optional<TestResponse> r = Fetch(server_->port(), "GET", "/indexes/indexes/documents/x/y");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_TRUE(r->body.empty());
}

TEST_F(ServerTest, WrongMethodIs405WithEmptyBody) {
  std::optional<TestResponse> r = Fetch(server_->port(), "DELETE", "/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_TRUE(r->body.empty());
}

TEST_F(ServerTest, DecodesPathQueryBodyAndContentType) {
  std::optional<TestResponse> r =
      Fetch(server_->port(), "POST", "/echo/a%20b%2Fc?q=x+y%26z&other=1", "payload");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "a b/c|payload|x y&z|application/json");
}

TEST_F(ServerTest, BodyOverTheLimitIs413AndClosesTheConnection) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<TestResponse> r = c.Send("POST", "/echo/x", std::string(2000, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  boost::json::object o = boost::json::parse(r->body).as_object();
  EXPECT_EQ(o["code"], "payload_too_large");
  EXPECT_EQ(o["type"], "invalid_request");
  EXPECT_FALSE(r->keep_alive);
  EXPECT_TRUE(c.ClosedByServer());
}

// The server reads and drops the rest of a large body, so the client can
// finish sending and still read the 413 instead of a connection reset.
TEST_F(ServerTest, LargeBodyOverTheLimitStillGetsThe413) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<TestResponse> r = c.Send("POST", "/echo/x", std::string(4 << 20, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(boost::json::parse(r->body).at("code"), "payload_too_large");
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  std::optional<TestResponse> r = Fetch(server_->port(), "POST", "/echo/x", std::string(1024, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, MalformedHttpIs400) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<TestResponse> r = c.SendRaw("GET /health HTTP/1.1\r\nHost x\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(boost::json::parse(r->body).at("code"), "bad_request");
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<TestResponse> r =
      c.SendRaw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'h') + "\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<TestResponse> first = c.Send("GET", "/health");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_TRUE(first->keep_alive);
  std::optional<TestResponse> second = c.Send("GET", "/version");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
}

TEST_F(ServerTest, SharedBodyIsSentWholeAndOtherAnswersAfterItAreTheirOwn) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  for (int i = 0; i < 2; ++i) {
    std::optional<TestResponse> shared = c.Send("GET", "/shared");
    ASSERT_TRUE(shared);
    EXPECT_EQ(shared->status, 201);
    EXPECT_EQ(shared->content_type, "text/plain");
    EXPECT_TRUE(shared->keep_alive);
    EXPECT_TRUE(shared->body == *shared_body_) << shared->body.size() << " bytes";
    // The same connection then answers from a string body again.
    std::optional<TestResponse> health = c.Send("GET", "/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(boost::json::parse(health->body), boost::json::parse(R"({"status":"available"})"));
  }
}

TEST_F(ServerTest, StopClosesIdleConnections) {
  TestConnection c(server_->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send("GET", "/health"));
  server_->Stop();  // returns although the connection is open and idle
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_FALSE(TestConnection(server_->port()).connected());
}

TEST(ServerStart, PortInUseIsAnError) {
  Router router;
  ServerOptions options;
  options.port = 0;
  auto first = Server::Start(options, router);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  options.port = (*first)->port();
  auto second = Server::Start(options, router);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find(std::to_string(options.port)), std::string::npos)
      << second.status().ToString();
}

TEST(ServerStart, UnresolvableAddressIsAnError) {
  Router router;
  ServerOptions options;
  options.address = "no such host name";
  options.port = 0;
  auto server = Server::Start(options, router);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace myriad::http
