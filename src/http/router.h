// Router: a route table from method + path pattern to handler.
//
// Patterns are literal segments and `{name}` segments that match any one
// segment: "/indexes/{uid}/documents/{id}". A path that matches no pattern gets
// 404 with an empty body; one whose pattern exists only for other methods gets
// 405 with an empty body (both as Meilisearch).
//
// Thread safety: Add() before the server starts; Handle() may then be called
// from any number of threads at once (handlers must be thread-safe too).
#pragma once

#include <functional>
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

class Router {
 public:
  // REQUIRES: `pattern` starts with '/'; no other route has the same method and
  // pattern.
  void Add(std::string method, std::string_view pattern, Handler handler);

  // Runs the first route matching the request. A handler that throws gets a
  // 500 internal error, so a bug in one route cannot take the server down.
  Response Handle(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" for parameters
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string>& path, PathParams* params);

  std::vector<Route> routes_;
};

}  // namespace myriad::http
