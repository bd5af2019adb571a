// The per-key HTTP sub-routes of /indexes/{uid}/settings, as Meilisearch
// declares them: GET, DELETE (reset) and one update verb each.
//
// Thread safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace myriad::settings {

enum class UpdateVerb { kPut, kPatch };

struct SubRoute {
  std::string_view name;  // path segment, e.g. "ranking-rules"
  std::string_view key;   // settings key, e.g. "rankingRules"
  UpdateVerb verb;        // the verb that updates it (the other one is 405)
};

// All 20 sub-routes, in the settings object's key order.
std::span<const SubRoute> SubRoutes();

// The sub-route named `name` ("ranking-rules"), or nullptr.
const SubRoute* FindSubRoute(std::string_view name);

}  // namespace myriad::settings
