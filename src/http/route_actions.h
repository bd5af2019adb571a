// The one table of which action each route requires (Meilisearch's
// GuardedData<ActionPolicy<...>> of each handler), so that authentication is
// decided in one place and the test matrix can walk every route.
//
// Thread safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "auth/action.h"

namespace myriad::http {

struct RouteAction {
  std::string_view method;
  // A Router pattern; one ending in '*' covers every pattern with that prefix
  // (the settings sub-routes).
  std::string_view pattern;
  // nullopt: public (GET /health), no key asked.
  std::optional<auth::Action> action;
};

std::span<const RouteAction> AllRouteActions();

// The entry for a route, or nullptr when the table has none (the guard then
// refuses the request: a route nobody classified is not open by accident).
const RouteAction* FindRouteAction(std::string_view method, std::string_view pattern);

}  // namespace myriad::http
