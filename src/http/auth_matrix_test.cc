// Authentication of every route, through the real server with every route of
// `myriad serve` registered: a matrix of routes x credentials, then what
// restricted keys and tenant tokens see, and malformed Authorization headers.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <tuple>

#include "auth/authorizer.h"
#include "auth/base64url.h"
#include "http/app_test_util.h"
#include "http/route_actions.h"

namespace myriad::http {
namespace {

using auth::Action;
using testing::Fetch;
using testing::TestResponse;

constexpr char kMaster[] = "MASTER_KEY_0123456789";

std::string Token(std::string_view claims, std::string_view signing_key,
                  std::string_view header = R"({"alg":"HS256","typ":"JWT"})") {
  const std::string signed_part =
      auth::EncodeBase64Url(header) + "." + auth::EncodeBase64Url(claims);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), signing_key.data(), static_cast<int>(signing_key.size()),
       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac.data(),
       &len);
  return signed_part + "." +
         auth::EncodeBase64Url(std::string_view(reinterpret_cast<const char*>(mac.data()), len));
}

class AuthMatrixTest : public testing::AppTest {
 protected:
  void SetUp() override {
    StartApp(kMaster);
    if (HasFatalFailure()) return;

    for (const auth::ApiKey& key : authorizer_->ListKeys()) {
      if (key.name == "Default Search API Key") search_key_ = key;
      if (key.name == "Default Admin API Key") admin_key_ = key;
    }
    auth::ApiKey scoped;
    scoped.actions = {"search", "documents.*", "indexes.*", "tasks.*", "settings.*", "stats.*"};
    scoped.indexes = {"scoped_*"};
    scoped_key_ = *authorizer_->CreateKey(scoped);
    auth::ApiKey expired;
    expired.actions = {"*"};
    expired.indexes = {"*"};
    expired.expires_at_ns =
        1'000'000'000;  // 1970: the HTTP route refuses past dates, the store does not
    expired_key_ = *authorizer_->CreateKey(expired);
    token_ = Token("{\"apiKeyUid\":\"" + search_key_.uid +
                       "\",\"searchRules\":{\"scoped_a\":{\"filter\":\"tenant = 1\"}}}",
                   Value(search_key_));
  }
  std::string Value(const auth::ApiKey& key) const { return authorizer_->ValueOf(key); }

  TestResponse Send(const std::string& method, const std::string& target,
                    const std::optional<std::string>& bearer, const std::string& body = "") {
    std::optional<std::string> header;
    if (bearer) header = "Bearer " + *bearer;
    std::optional<TestResponse> r = Fetch(server_->port(), method, target, body, header);
    EXPECT_TRUE(r) << method << " " << target;
    return r.value_or(TestResponse{});
  }
  TestResponse SendHeader(const std::string& target, const std::string& header) {
    std::optional<TestResponse> r = Fetch(server_->port(), "GET", target, "", header);
    EXPECT_TRUE(r);
    return r.value_or(TestResponse{});
  }

  auth::ApiKey search_key_, admin_key_, scoped_key_, expired_key_;
  std::string token_;
};

// A concrete path for a route pattern, naming index `index`.
std::string PathFor(std::string pattern, const std::string& index) {
  auto replace = [&](const std::string& from, const std::string& to) {
    if (size_t at = pattern.find(from); at != std::string::npos)
      pattern.replace(at, from.size(), to);
  };
  replace("{uid}", index);
  replace("{id}", "1");
  replace("{key}", "00000000-0000-4000-8000-000000000000");
  if (pattern.starts_with("/tasks/") && pattern != "/tasks/cancel") pattern = "/tasks/0";
  return pattern;
}

TEST_F(AuthMatrixTest, EveryRouteHasAnAccessRule) {
  for (const auto& [method, pattern] : router_.Routes()) {
    EXPECT_NE(FindRouteAction(method, pattern), nullptr) << method << " " << pattern;
  }
}

enum class Want { kPass, k401, k403 };

TEST_F(AuthMatrixTest, RoutesByCredential) {
  struct Credential {
    std::string name;
    std::optional<std::string> bearer;
    std::string index;  // the index named in paths
    std::function<Want(Action, bool names_index)> want;
  };
  auto pass_if = [](bool ok) { return ok ? Want::kPass : Want::k403; };
  const std::vector<Credential> credentials = {
      {"no key", std::nullopt, "movies", [](Action, bool) { return Want::k401; }},
      {"master key", kMaster, "movies", [](Action, bool) { return Want::kPass; }},
      {"admin key", Value(admin_key_), "movies", [](Action, bool) { return Want::kPass; }},
      {"search key", Value(search_key_), "movies",
       [&](Action a, bool) { return pass_if(a == Action::kSearch); }},
      {"expired key", Value(expired_key_), "movies", [](Action, bool) { return Want::k403; }},
      {"unknown key", std::string(64, 'a'), "movies", [](Action, bool) { return Want::k403; }},
      {"scoped key, other index", Value(scoped_key_), "movies",
       [&](Action a, bool names_index) {
         // Index routes of other indexes are closed; routes naming no index
         // pass when they filter by index (lists, tasks, stats, multi-search).
         if (names_index) return Want::k403;
         return pass_if(a == Action::kIndexesGet || a == Action::kIndexesCreate ||
                        a == Action::kIndexesSwap || a == Action::kTasksGet ||
                        a == Action::kTasksCancel || a == Action::kTasksDelete ||
                        a == Action::kStatsGet || a == Action::kSearch);
       }},
      {"scoped key, own index", Value(scoped_key_), "scoped_a",
       [&](Action a, bool names_index) {
         // Routes over the whole instance stay closed to a key scoped to indexes.
         const bool instance_wide = a == Action::kVersion || a == Action::kKeysGet ||
                                    a == Action::kKeysCreate || a == Action::kKeysUpdate ||
                                    a == Action::kKeysDelete || a == Action::kDumpsCreate ||
                                    a == Action::kSnapshotsCreate;
         (void)names_index;
         return pass_if(!instance_wide);
       }},
      {"tenant token, its index", token_, "scoped_a",
       [&](Action a, bool) { return pass_if(a == Action::kSearch); }},
      {"tenant token, other index", token_, "movies",
       [&](Action a, bool names_index) { return pass_if(a == Action::kSearch && !names_index); }},
  };
  int checked = 0;
  for (const Credential& c : credentials) {
    for (const auto& [method, pattern] : router_.Routes()) {
      const RouteAction* rule = FindRouteAction(method, pattern);
      ASSERT_NE(rule, nullptr);
      const std::string path = PathFor(pattern, c.index);
      TestResponse r = Send(method, path, c.bearer);
      ++checked;
      if (!rule->action) {
        EXPECT_EQ(r.status, 200) << c.name << ": " << method << " " << path;
        continue;
      }
      const Want want = c.want(*rule->action, pattern.starts_with("/indexes/{uid}"));
      const std::string where =
          c.name + ": " + method + " " + path + " -> " + std::to_string(r.status) + " " + r.body;
      switch (want) {
        case Want::kPass:
          EXPECT_NE(r.status, 401) << where;
          EXPECT_NE(r.status, 403) << where;
          break;
        case Want::k401:
          EXPECT_EQ(r.status, 401) << where;
          EXPECT_NE(r.body.find("\"code\":\"missing_authorization_header\""), std::string::npos)
              << where;
          break;
        case Want::k403:
          EXPECT_EQ(r.status, 403) << where;
          EXPECT_NE(r.body.find("\"code\":\"invalid_api_key\""), std::string::npos) << where;
          break;
      }
    }
  }
  EXPECT_GT(checked, 10 * 80);
}

TEST_F(AuthMatrixTest, AuthenticationComesBeforeIndexAndBodyChecks) {
  // The index does not exist and the body is malformed: still 401/403 first.
  TestResponse r = Send("POST", "/indexes/nope/documents", std::nullopt, "{not json");
  EXPECT_EQ(r.status, 401);
  r = Send("POST", "/indexes/nope/documents", Value(search_key_), "{not json");
  EXPECT_EQ(r.status, 403);
  r = Send("POST", "/indexes/nope/documents", Value(admin_key_), "{not json");
  EXPECT_EQ(r.status, 400);
  // Unknown routes stay 404 with an empty body, key or not (as Meilisearch).
  r = Send("GET", "/nope", std::nullopt);
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(AuthMatrixTest, MalformedAndOversizedAuthorizationHeaders) {
  auto code_of = [](const TestResponse& r) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.body, ec);
    return ec ? std::string("<no json>") : std::string(v.at("code").as_string());
  };
  struct Case {
    std::string header;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"Basic dXNlcjpwYXNz", 401, "missing_authorization_header"},
      {"bearer " + std::string(kMaster), 401, "missing_authorization_header"},
      {"Bearer", 403, "invalid_api_key"},
      {"Bearer ", 403, "invalid_api_key"},
      {"Bearer  " + std::string(kMaster), 403, "invalid_api_key"},
      {"Bearer " + std::string(6000, 'x'), 403, "invalid_api_key"},
      {"Bearer a.b.c", 403, "invalid_api_key"},
      {"Bearer caf\xc3\xa9", 401, "missing_authorization_header"},
      {"", 401, "missing_authorization_header"},
      {"Bearer " + std::string(kMaster), 200, ""},
  };
  for (const Case& c : cases) {
    TestResponse r = SendHeader("/indexes", c.header);
    EXPECT_EQ(r.status, c.status) << c.header.substr(0, 40);
    if (!c.code.empty()) {
      EXPECT_EQ(code_of(r), c.code) << c.header.substr(0, 40);
    }
  }
  // Tokens on the search route: malformed, forged, expired, alg none, oversized.
  const std::string claims = "{\"apiKeyUid\":\"" + search_key_.uid + "\",\"searchRules\":[\"*\"]";
  std::vector<std::string> bad_tokens = {
      "a.b.c",
      "!!!.###.$$$",
      Token(claims + "}", "not the key"),
      Token(claims + ",\"exp\":1}", Value(search_key_)),
      Token(claims + "}", Value(search_key_), R"({"alg":"none"})"),
      auth::EncodeBase64Url(R"({"alg":"none"})") + "." + auth::EncodeBase64Url(claims + "}") + ".",
      Token("{\"apiKeyUid\":\"" + search_key_.uid + "\",\"searchRules\":[\"" +
                std::string(4000, 'a') + "\"]}",
            Value(search_key_)),
      Token("{\"apiKeyUid\":\"" + expired_key_.uid + "\",\"searchRules\":[\"*\"]}",
            Value(expired_key_)),
  };
  // The parent key must hold `search`.
  auth::ApiKey reader;
  reader.actions = {"documents.get"};
  reader.indexes = {"*"};
  reader = *authorizer_->CreateKey(reader);
  bad_tokens.push_back(
      Token("{\"apiKeyUid\":\"" + reader.uid + "\",\"searchRules\":[\"*\"]}", Value(reader)));
  for (const std::string& token : bad_tokens) {
    TestResponse r = Send("POST", "/indexes/movies/search", token);
    EXPECT_EQ(r.status, 403) << token.substr(0, 60) << " " << r.body;
    EXPECT_EQ(code_of(r), "invalid_api_key") << r.body;
  }
  // A header larger than the server takes: 431 before anything is read.
  TestResponse huge = SendHeader("/indexes", "Bearer " + std::string(10000, 'x'));
  EXPECT_EQ(huge.status, 431);
}

TEST_F(AuthMatrixTest, RestrictedKeysSeeOnlyTheirIndexesAndTasks) {
  for (const char* uid : {"movies", "scoped_a", "scoped_b"}) {
    ASSERT_TRUE(mapper_->CreateIndex(uid, std::nullopt).ok());
    ASSERT_EQ(Send("DELETE", std::string("/indexes/") + uid + "/documents/1", kMaster).status, 202);
  }
  auto json_of = [](const TestResponse& r) { return boost::json::parse(r.body); };
  boost::json::value list = json_of(Send("GET", "/indexes", Value(scoped_key_)));
  EXPECT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("results").at(0).at("uid"), "scoped_a");
  list = json_of(Send("GET", "/indexes?offset=1&limit=1", Value(scoped_key_)));
  EXPECT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("results").as_array().size(), 1u);
  EXPECT_EQ(list.at("results").at(0).at("uid"), "scoped_b");
  EXPECT_EQ(json_of(Send("GET", "/indexes", kMaster)).at("total"), 3);

  // The full answer first, so that a reuse of it for the scoped key would show.
  EXPECT_EQ(json_of(Send("GET", "/stats", kMaster)).at("indexes").as_object().size(), 3u);
  boost::json::value stats = json_of(Send("GET", "/stats", Value(scoped_key_)));
  EXPECT_EQ(stats.at("indexes").as_object().size(), 2u);
  EXPECT_FALSE(stats.at("indexes").as_object().contains("movies"));

  boost::json::value tasks = json_of(Send("GET", "/tasks", Value(scoped_key_)));
  EXPECT_EQ(tasks.at("total"), 2);
  for (const auto& t : tasks.at("results").as_array()) {
    EXPECT_NE(t.at("indexUid"), "movies");
  }
  EXPECT_EQ(json_of(Send("GET", "/tasks", kMaster)).at("total"), 3);
  // The first task is the one on `movies`: hidden, as if it did not exist.
  EXPECT_EQ(Send("GET", "/tasks/0", Value(scoped_key_)).status, 404);
  EXPECT_EQ(Send("GET", "/tasks/0", kMaster).status, 200);

  // Index creation outside the key's patterns.
  EXPECT_EQ(Send("POST", "/indexes", Value(scoped_key_), R"({"uid":"other"})").status, 403);
  EXPECT_EQ(Send("POST", "/indexes", Value(scoped_key_), R"({"uid":"scoped_c"})").status, 202);
  // Nor renamed out of them.
  EXPECT_EQ(Send("PATCH", "/indexes/scoped_b", Value(scoped_key_), R"({"uid":"other"})").status,
            403);
  EXPECT_EQ(Send("PATCH", "/indexes/scoped_b", Value(scoped_key_), R"({"uid":"scoped_d"})").status,
            202);

  // Multi-search: each query's index is checked against the token's rules
  // (scoped_b is in the key's patterns, not in the token's).
  TestResponse multi = Send("POST", "/multi-search", token_,
                            R"({"queries":[{"indexUid":"scoped_b"},{"indexUid":"movies"}]})");
  EXPECT_EQ(multi.status, 403);
  EXPECT_NE(multi.body.find("Inside `.queries[0]`: The provided API key is invalid."),
            std::string::npos)
      << multi.body;
}

TEST_F(AuthMatrixTest, WritesCreateAMissingIndexOnlyWithIndexesCreate) {
  // The finished task `uid` (polled: the scheduler runs it on its own thread).
  auto finished = [&](const TestResponse& enqueued) {
    const int64_t uid = boost::json::parse(enqueued.body).at("taskUid").as_int64();
    for (int attempt = 0; attempt < 100000; ++attempt) {
      boost::json::value task =
          boost::json::parse(Send("GET", "/tasks/" + std::to_string(uid), kMaster).body);
      const auto& status = task.at("status").as_string();
      if (status != "enqueued" && status != "processing") return task;
      std::this_thread::yield();
    }
    ADD_FAILURE() << "task " << uid << " did not finish";
    return boost::json::value();
  };
  auth::ApiKey writer;
  writer.actions = {"documents.add", "settings.update"};
  writer.indexes = {"*"};
  writer = *authorizer_->CreateKey(writer);
  for (const auto& [method, path, body] :
       {std::tuple{"POST", "/indexes/fresh/documents", R"([{"id":1}])"},
        std::tuple{"PATCH", "/indexes/fresh/settings", R"({"stopWords":["a"]})"},
        std::tuple{"DELETE", "/indexes/fresh/settings/stop-words", ""}}) {
    TestResponse enqueued = Send(method, path, Value(writer), body);
    ASSERT_EQ(enqueued.status, 202) << path << " " << enqueued.body;
    boost::json::value task = finished(enqueued);
    EXPECT_EQ(task.at("status"), "failed") << path;
    EXPECT_EQ(task.at("error").at("code"), "index_not_found") << path;
    EXPECT_EQ(Send("GET", "/indexes/fresh", kMaster).status, 404) << path;
  }
  auth::ApiKey creator;
  creator.actions = {"documents.add", "indexes.create"};
  creator.indexes = {"*"};
  creator = *authorizer_->CreateKey(creator);
  EXPECT_EQ(finished(Send("POST", "/indexes/fresh/documents", Value(creator), R"([{"id":1}])"))
                .at("status"),
            "succeeded");
  EXPECT_EQ(Send("GET", "/indexes/fresh", kMaster).status, 200);
}

TEST_F(AuthMatrixTest, DeletedKeyStopsWorkingAtOnce) {
  auth::ApiKey k;
  k.actions = {"indexes.get"};
  k.indexes = {"*"};
  const auth::ApiKey created = *authorizer_->CreateKey(k);
  EXPECT_EQ(Send("GET", "/indexes", Value(created)).status, 200);
  EXPECT_EQ(Send("DELETE", "/keys/" + created.uid, Value(admin_key_)).status, 204);
  EXPECT_EQ(Send("GET", "/indexes", Value(created)).status, 403);
}

}  // namespace
}  // namespace myriad::http
