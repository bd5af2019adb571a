// Bad-input tables: rows of malformed requests sent as raw HTTP/1.1 to the
// whole app (AppTest, with a master key), each with the exact status and
// Meilisearch error code it must get, and the data checked unchanged after it.
//
// The data's fingerprint is what a client can read of it: the list of indexes,
// each index's documents and settings, and the API keys; and the number of
// tasks. A row refused synchronously must leave both as they were; a row whose
// error is asynchronous (202, then a failed task) adds exactly its task, which
// is polled to its end and must fail with the row's code.
//
// Thread safety: a gtest fixture.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/app_test_util.h"
#include "http/error_table.h"

namespace myriad::http::testing {

inline constexpr char kBadInputMaster[] = "BAD_INPUT_MASTER_KEY_0123";
// Small enough for a row to exceed it cheaply, large enough for the deep
// nesting rows (a few hundred KB).
inline constexpr uint64_t kBadInputPayloadLimit = 1 << 20;

struct Row {
  std::string method;
  std::string target;  // sent as is: percent escapes and raw bytes included
  std::string body;
  int status = 0;
  std::string code;  // the error object's code; empty: no error object expected
  std::optional<std::string> content_type = "application/json";
  std::optional<std::string> authorization = std::string("Bearer ") + kBadInputMaster;
  std::vector<std::string> headers;  // more "Name: value" lines
  // 202, and a task that ends `failed` with `code` (`succeeded` when code is
  // empty) without changing the data.
  bool async = false;
  // Sent instead of the request built from the fields above, byte for byte.
  std::optional<std::string> raw;

  Row ContentType(std::optional<std::string> type) && {
    content_type = std::move(type);
    return std::move(*this);
  }
  Row Authorization(std::optional<std::string> value) && {
    authorization = std::move(value);
    return std::move(*this);
  }
  Row Header(std::string line) && {
    headers.push_back(std::move(line));
    return std::move(*this);
  }
  Row Async() && {
    async = true;
    return std::move(*this);
  }
};

// A row sent as `bytes`, not built from its fields.
inline Row Raw(std::string bytes, int status, std::string code) {
  Row r;
  r.raw = std::move(bytes);
  r.status = status;
  r.code = std::move(code);
  return r;
}

inline Row Req(std::string method, std::string target, std::string body, int status,
               std::string code) {
  Row r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  r.status = status;
  r.code = std::move(code);
  return r;
}

// `open` repeated n times, then `middle`, then `close` n times.
inline std::string Nested(size_t n, std::string_view open, std::string_view middle,
                          std::string_view close) {
  std::string s;
  s.reserve(n * (open.size() + close.size()) + middle.size());
  for (size_t i = 0; i < n; ++i) s += open;
  s += middle;
  for (size_t i = 0; i < n; ++i) s += close;
  return s;
}

class BadInputTest : public AppTest {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.payload_limit_bytes = kBadInputPayloadLimit;
    StartApp(kBadInputMaster, options);
    if (HasFatalFailure()) return;
    // An index with documents and settings, for the rows to leave alone.
    Finish(Get("POST", "/indexes", R"({"uid":"movies","primaryKey":"id"})"), "succeeded");
    Finish(Get("POST", "/indexes/movies/documents",
               R"([{"id":1,"title":"Alien","genre":"scifi","year":1979},
                   {"id":2,"title":"Heat","genre":"crime","year":1995}])"),
           "succeeded");
    Finish(Get("PATCH", "/indexes/movies/settings",
               R"({"filterableAttributes":["genre","year"],"sortableAttributes":["year"]})"),
           "succeeded");
    // An index without a primary key or documents.
    Finish(Get("POST", "/indexes", R"({"uid":"empty"})"), "succeeded");
  }

  // One raw request on a fresh connection; status 0 when the exchange fails
  // (the server closed the connection without answering, or crashed).
  TestResponse Exchange(const Row& row) {
    if (row.raw) {
      TestConnection c(server_->port());
      if (!c.connected()) return {};
      return c.SendRaw(*row.raw).value_or(TestResponse{});
    }
    std::string raw = row.method + " " + row.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    raw += "Connection: close\r\n";
    if (row.authorization) raw += "Authorization: " + *row.authorization + "\r\n";
    if (row.content_type) raw += "Content-Type: " + *row.content_type + "\r\n";
    for (const std::string& h : row.headers) raw += h + "\r\n";
    raw += "Content-Length: " + std::to_string(row.body.size()) + "\r\n\r\n" + row.body;
    TestConnection c(server_->port());
    if (!c.connected()) return {};
    return c.SendRaw(raw).value_or(TestResponse{});
  }

  // A well-formed request with the master key; its parsed body (null when none).
  boost::json::value Get(const std::string& method, const std::string& target,
                         const std::string& body = "") {
    Row row = Req(method, target, body, 0, "");
    TestResponse r = Exchange(row);
    EXPECT_TRUE(r.status == 200 || r.status == 202) << method << " " << target << " " << r.body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.body, ec);
    return ec ? boost::json::value() : v;
  }

  // Polls the task `enqueued` names until it ends; expects `status`.
  boost::json::value Finish(const boost::json::value& enqueued, std::string_view status) {
    const boost::json::value* uid =
        enqueued.is_object() ? enqueued.as_object().if_contains("taskUid") : nullptr;
    if (uid == nullptr) {
      ADD_FAILURE() << "no taskUid in " << boost::json::serialize(enqueued);
      return {};
    }
    const std::string path = "/tasks/" + boost::json::serialize(*uid);
    for (;;) {
      boost::json::value task = Get("GET", path);
      if (!task.is_object()) return {};
      const boost::json::value& s = task.at("status");
      if (s != "enqueued" && s != "processing") {
        EXPECT_EQ(s, boost::json::value(std::string(status))) << boost::json::serialize(task);
        return task;
      }
      std::this_thread::yield();
    }
  }

  // With `updated_at`: the indexes' updatedAt, which a successful write that
  // changes nothing (deleting an unknown document) still sets.
  std::string Fingerprint(bool updated_at = true) {
    std::string out;
    boost::json::value indexes = Get("GET", "/indexes?limit=1000");
    if (!updated_at && indexes.is_object()) {
      for (boost::json::value& index : indexes.at("results").as_array()) {
        index.as_object().erase("updatedAt");
      }
    }
    out += boost::json::serialize(indexes) + "\n";
    if (indexes.is_object()) {
      for (const boost::json::value& index : indexes.at("results").as_array()) {
        const std::string uid(index.at("uid").as_string());
        out += boost::json::serialize(Get("GET", "/indexes/" + uid + "/documents?limit=1000"));
        out += boost::json::serialize(Get("GET", "/indexes/" + uid + "/settings")) + "\n";
      }
    }
    out += boost::json::serialize(Get("GET", "/keys?limit=1000"));
    return out;
  }
  int64_t TaskCount() {
    boost::json::value tasks = Get("GET", "/tasks?limit=1");
    return tasks.is_object() ? tasks.at("total").to_number<int64_t>() : -1;
  }

  // Expects `body` to be exactly Meilisearch's error object for `code`.
  static void ExpectErrorObject(const std::string& body, const std::string& code) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    ASSERT_FALSE(ec) << "not JSON: " << body.substr(0, 300);
    ASSERT_TRUE(v.is_object()) << body;
    const boost::json::object& o = v.as_object();
    EXPECT_EQ(o.size(), 4u) << body;
    ASSERT_TRUE(o.contains("message") && o.at("message").is_string()) << body;
    EXPECT_FALSE(o.at("message").as_string().empty()) << body;
    ASSERT_TRUE(o.contains("code")) << body;
    EXPECT_EQ(o.at("code"), code.c_str()) << body.substr(0, 300);
    const ErrorInfo* info = FindError(code);
    ASSERT_NE(info, nullptr) << code << " is not in the error table";
    EXPECT_EQ(o.if_contains("type") ? *o.if_contains("type") : boost::json::value(),
              std::string(ErrorTypeName(info->type)).c_str())
        << body;
    EXPECT_EQ(o.if_contains("link") ? *o.if_contains("link") : boost::json::value(),
              ("https://docs.meilisearch.com/errors#" + code).c_str())
        << body;
  }

  void Check(const Row& row) {
    SCOPED_TRACE(row.raw ? row.raw->substr(0, 100)
                         : row.method + " " + row.target.substr(0, 100) + " " +
                               row.body.substr(0, 100));
    const bool updates = row.async && row.code.empty();
    const std::string before = Fingerprint(!updates);
    const int64_t tasks_before = TaskCount();
    TestResponse r = Exchange(row);
    if (row.async) {
      ASSERT_EQ(r.status, 202) << r.body.substr(0, 300);
      boost::system::error_code ec;
      boost::json::value enqueued = boost::json::parse(r.body, ec);
      ASSERT_FALSE(ec) << r.body;
      boost::json::value task = Finish(enqueued, row.code.empty() ? "succeeded" : "failed");
      if (!row.code.empty() && task.is_object()) {
        ExpectErrorObject(boost::json::serialize(task.at("error")), row.code);
      }
    } else {
      EXPECT_EQ(r.status, row.status) << r.body.substr(0, 300);
      if (!row.code.empty()) {
        ExpectErrorObject(r.body, row.code);
      } else if (!r.body.empty()) {
        // A success or a protocol answer: still well-formed JSON.
        boost::system::error_code ec;
        boost::json::parse(r.body, ec);
        EXPECT_FALSE(ec) << "not JSON: " << r.body.substr(0, 300);
      }
    }
    EXPECT_EQ(Fingerprint(!updates), before);
    EXPECT_EQ(TaskCount(), tasks_before + (row.async ? 1 : 0));
  }

  void CheckAll(const std::vector<Row>& rows) {
    for (const Row& row : rows) Check(row);
    checked_ += rows.size();
  }

  size_t checked_ = 0;
};

}  // namespace myriad::http::testing
