#include "engine/schema/sub_routes.h"

#include <array>

#include "engine/schema/settings_fields.h"

namespace myriad::settings {

std::span<const SubRoute> SubRoutes() {
  static const std::array<SubRoute, 20> routes = [] {
    std::array<SubRoute, 20> r{};
    auto fields = internal::Fields();
    for (size_t i = 0; i < r.size(); ++i) r[i] = {fields[i].route, fields[i].key, fields[i].verb};
    return r;
  }();
  return routes;
}

const SubRoute* FindSubRoute(std::string_view name) {
  for (const SubRoute& r : SubRoutes()) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace myriad::settings
