#include "http/auth_guard.h"

#include <algorithm>
#include <optional>
#include <string>

#include "http/error_table.h"
#include "http/route_actions.h"

namespace myriad::http {
namespace {

struct Bearer {
  std::optional<std::string_view> token;  // nullopt: no Authorization header
  std::optional<Response> refused;
};

// Meilisearch splits the header at its first space: "Bearer" then the token
// (possibly empty); any other scheme counts as no header at all.
Bearer ReadBearer(const Request& request) {
  if (!request.authorization) return Bearer{};
  std::string_view header = *request.authorization;
  // A value that is not visible ASCII reads as empty there (HeaderValue::to_str).
  const bool visible_ascii = std::all_of(
      header.begin(), header.end(), [](char c) { return c == '\t' || (c >= 0x20 && c < 0x7f); });
  if (!visible_ascii) header = {};
  const size_t space = header.find(' ');
  if (header.substr(0, space) != "Bearer") {
    return Bearer{std::nullopt, ErrorResponse("missing_authorization_header",
                                              "The Authorization header is missing. It must use "
                                              "the bearer authorization method.")};
  }
  if (space == std::string_view::npos) {
    return Bearer{std::nullopt,
                  ErrorResponse("invalid_api_key", "The provided API key is invalid.")};
  }
  return Bearer{header.substr(space + 1), std::nullopt};
}

std::string_view FailureCode(auth::AuthFailure::Kind kind) {
  switch (kind) {
    case auth::AuthFailure::Kind::kMissingAuthorization:
      return "missing_authorization_header";
    case auth::AuthFailure::Kind::kMissingMasterKey:
      return "missing_master_key";
    case auth::AuthFailure::Kind::kInvalidKey:
      return "invalid_api_key";
  }
  return "invalid_api_key";
}

}  // namespace

Guard MakeAuthGuard(const auth::Authorizer& authorizer) {
  return [&authorizer](std::string_view method, std::string_view pattern, Request& request,
                       const PathParams& params) -> std::optional<Response> {
    const RouteAction* route = FindRouteAction(method, pattern);
    if (route == nullptr) {
      return ErrorResponse("internal", "The route `" + std::string(method) + " " +
                                           std::string(pattern) + "` has no access rule.");
    }
    if (!route->action) return std::nullopt;
    Bearer bearer = ReadBearer(request);
    // Even without a master key, as Meilisearch reads the header first.
    if (bearer.refused) return bearer.refused;
    std::optional<std::string_view> index;
    if (pattern.starts_with("/indexes/{uid}")) index = params.Get("uid");
    auth::AuthOutcome outcome = authorizer.Authenticate(bearer.token, *route->action, index);
    if (auto* failure = std::get_if<auth::AuthFailure>(&outcome)) {
      return ErrorResponse(FailureCode(failure->kind), failure->message);
    }
    request.access = std::move(std::get<std::shared_ptr<const auth::Access>>(outcome));
    return std::nullopt;
  };
}

}  // namespace myriad::http
