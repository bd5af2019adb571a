#include "http/router.h"

#include <cassert>
#include <exception>

#include "http/error_table.h"

namespace myriad::http {
namespace {

bool IsParam(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string> SplitPattern(std::string_view pattern) {
  assert(!pattern.empty() && pattern.front() == '/');
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    segments.emplace_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

}  // namespace

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value;
  }
  return {};
}

void Router::Add(std::string method, std::string_view pattern, Handler handler) {
  routes_.push_back(
      Route{std::move(method), std::string(pattern), SplitPattern(pattern), std::move(handler)});
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Route& route : routes_) out.emplace_back(route.method, route.pattern);
  return out;
}

bool Router::Match(const Route& route, const std::vector<std::string>& path, PathParams* params) {
  if (route.segments.size() != path.size()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& want = route.segments[i];
    if (IsParam(want)) {
      if (params != nullptr) params->Set(want.substr(1, want.size() - 2), path[i]);
    } else if (want != path[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Handle(Request request) const {
  bool path_known = false;
  for (const Route& route : routes_) {
    if (!Match(route, request.path, nullptr)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    PathParams params;
    Match(route, request.path, &params);
    try {
      if (guard_) {
        if (std::optional<Response> refused =
                guard_(route.method, route.pattern, request, params)) {
          return *refused;
        }
      }
      return route.handler(request, params);
    } catch (const std::exception& e) {
      return ErrorResponse("internal", e.what());
    }
  }
  Response r;
  r.status = path_known ? 405 : 404;
  r.content_type.clear();
  return r;
}

}  // namespace myriad::http
