// Router: a route table from method + path pattern to handler.
//
// Patterns are literal segments and `{name}` segments that match any one
// segment: "/indexes/{uid}/documents/{id}". A path that matches no pattern gets
// 404 with an empty body; one whose pattern exists only for other methods gets
// 405 with an empty body (both as Meilisearch).
//
// A guard, when set, runs after a route matched and before its handler: it
// may refuse the request (authentication, see auth_guard.h) or fill in
// Request::access. Unmatched paths (404) and methods (405) never reach it, as
// in Meilisearch, whose authentication belongs to the handlers.
//
// Thread safety: Add() and SetGuard() before the server starts; Handle() may then be called
// from any number of threads at once (handlers must be thread-safe too).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"

namespace myriad::http {

// The `{name}` segments of the matched pattern, with the request's values.
class PathParams {
 public:
  void Set(std::string name, std::string value) {
    params_.emplace_back(std::move(name), std::move(value));
  }
  // The value of `{name}`; empty when the pattern has no `{name}`.
  std::string_view Get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

// Returns the response refusing `request`, or nullopt to run the handler
// (after setting request.access as it sees fit). `pattern` is the matched
// route's pattern as given to Router::Add.
using Guard = std::function<std::optional<Response>(
    std::string_view method, std::string_view pattern, Request& request, const PathParams& params)>;

class Router {
 public:
  // REQUIRES: `pattern` starts with '/'; no other route has the same method and
  // pattern.
  void Add(std::string method, std::string_view pattern, Handler handler);

  // Runs the first route matching the request. A handler that throws gets a
  // 500 internal error, so a bug in one route cannot take the server down.
  Response Handle(Request request) const;

  void SetGuard(Guard guard) { guard_ = std::move(guard); }

  // Every route's method and pattern, in the order added (for tests that
  // check each route against the action table).
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" for parameters
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string>& path, PathParams* params);

  std::vector<Route> routes_;
  Guard guard_;
};

}  // namespace myriad::http
