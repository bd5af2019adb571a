// The HTTP request and response as routes see them: plain data, no Beast types,
// so routes and their tests need no socket.
//
// Thread safety: value types.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/access.h"

namespace myriad::http {

struct Request {
  std::string method;  // upper case, as sent: "GET", "POST", ...
  // The path's segments, percent-decoded: "/indexes/a%20b" -> {"indexes", "a b"}.
  std::vector<std::string> path;
  // Query parameters in order, percent-decoded ('+' is a space).
  std::vector<std::pair<std::string, std::string>> query;
  std::optional<std::string> content_type;
  std::optional<std::string> authorization;
  std::string body;
  // What the caller may see, set by the router's guard once the route's action
  // is granted. Null (no guard: tests, or a public route) means everything.
  std::shared_ptr<const auth::Access> access;

  // Whether the caller may see index `uid` (in lists, tasks, stats, searches).
  bool MaySee(std::string_view uid) const { return access == nullptr || access->CanSeeIndex(uid); }
  // Whether no index is hidden from the caller, so lists need no filtering.
  bool SeesEveryIndex() const { return access == nullptr || access->SeesEveryIndex(); }
  // Whether a document or settings write may create its missing index.
  bool MayCreateIndexes() const { return access == nullptr || access->MayCreateIndexes(); }

  // The first value of query parameter `name`, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const {
    for (const auto& [key, value] : query) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

struct Response {
  int status = 200;
  std::string body;  // JSON text, or empty
  std::string content_type = "application/json";
  // When set, the body instead of `body`: shared with whoever else holds it
  // (a cache), sent without a copy, kept alive until it is sent.
  std::shared_ptr<const std::string> shared_body = nullptr;

  std::string_view Body() const { return shared_body ? *shared_body : body; }
};

}  // namespace myriad::http
