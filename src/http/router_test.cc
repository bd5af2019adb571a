#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace myriad::http {
namespace {

Request Req(std::string method, std::vector<std::string> path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

Router TestRouter() {
  Router router;
  router.Add("GET", "/indexes/{uid}/documents/{id}", [](const Request&, const PathParams& p) {
    return Response{200, std::string(p.Get("uid")) + "/" + std::string(p.Get("id"))};
  });
  router.Add("GET", "/indexes", [](const Request&, const PathParams&) {
    return Response{200, "list"};
  });
  router.Add("POST", "/indexes", [](const Request&, const PathParams&) {
    return Response{202, "create"};
  });
  router.Add("GET", "/boom", [](const Request&, const PathParams&) -> Response {
    throw std::runtime_error("bug");
  });
  return router;
}

TEST(Router, BindsParameters) {
  Response r = TestRouter().Handle(Req("GET", {"indexes", "movies", "documents", "a b"}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "movies/a b");
}

TEST(Router, ChoosesByMethod) {
  const Router router = TestRouter();
  EXPECT_EQ(router.Handle(Req("GET", {"indexes"})).body, "list");
  EXPECT_EQ(router.Handle(Req("POST", {"indexes"})).status, 202);
}

TEST(Router, UnknownPathIs404WithEmptyBody) {
  const Router router = TestRouter();
  for (const auto& path :
       std::vector<std::vector<std::string>>{{"nope"},
                                             {"indexes", "indexes", "documents"},
                                             {"indexes", "a", "documents", "b", "c"},
                                             {}}) {
    Response r = router.Handle(Req("GET", path));
    EXPECT_EQ(r.status, 404);
    EXPECT_TRUE(r.body.empty());
    EXPECT_TRUE(r.content_type.empty());
  }
}

TEST(Router, KnownPathWithWrongMethodIs405WithEmptyBody) {
  Response r = TestRouter().Handle(Req("DELETE", {"indexes"}));
  EXPECT_EQ(r.status, 405);
  EXPECT_TRUE(r.body.empty());
}

TEST(Router, ThrowingHandlerIsAnInternalError) {
  Response r = TestRouter().Handle(Req("GET", {"boom"}));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("\"code\":\"internal\""), std::string::npos) << r.body;
}

}  // namespace
}  // namespace myriad::http
