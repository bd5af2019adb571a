#include "http/route_actions.h"

#include <array>

namespace myriad::http {
namespace {

using auth::Action;

constexpr std::array kRoutes = {
    RouteAction{"GET", "/health", std::nullopt},
    RouteAction{"GET", "/version", Action::kVersion},
    RouteAction{"GET", "/stats", Action::kStatsGet},
    // Indexes.
    RouteAction{"GET", "/indexes", Action::kIndexesGet},
    RouteAction{"POST", "/indexes", Action::kIndexesCreate},
    RouteAction{"GET", "/indexes/{uid}", Action::kIndexesGet},
    RouteAction{"PATCH", "/indexes/{uid}", Action::kIndexesUpdate},
    RouteAction{"DELETE", "/indexes/{uid}", Action::kIndexesDelete},
    RouteAction{"GET", "/indexes/{uid}/stats", Action::kStatsGet},
    RouteAction{"POST", "/swap-indexes", Action::kIndexesSwap},
    // Documents.
    RouteAction{"GET", "/indexes/{uid}/documents", Action::kDocumentsGet},
    RouteAction{"POST", "/indexes/{uid}/documents/fetch", Action::kDocumentsGet},
    RouteAction{"GET", "/indexes/{uid}/documents/{id}", Action::kDocumentsGet},
    RouteAction{"POST", "/indexes/{uid}/documents", Action::kDocumentsAdd},
    RouteAction{"PUT", "/indexes/{uid}/documents", Action::kDocumentsAdd},
    RouteAction{"DELETE", "/indexes/{uid}/documents", Action::kDocumentsDelete},
    RouteAction{"DELETE", "/indexes/{uid}/documents/{id}", Action::kDocumentsDelete},
    RouteAction{"POST", "/indexes/{uid}/documents/delete-batch", Action::kDocumentsDelete},
    RouteAction{"POST", "/indexes/{uid}/documents/delete", Action::kDocumentsDelete},
    // Search.
    RouteAction{"GET", "/indexes/{uid}/search", Action::kSearch},
    RouteAction{"POST", "/indexes/{uid}/search", Action::kSearch},
    RouteAction{"POST", "/multi-search", Action::kSearch},
    RouteAction{"POST", "/indexes/{uid}/facet-search", Action::kSearch},
    // Settings, and each of their sub-routes.
    RouteAction{"GET", "/indexes/{uid}/settings", Action::kSettingsGet},
    RouteAction{"PATCH", "/indexes/{uid}/settings", Action::kSettingsUpdate},
    RouteAction{"DELETE", "/indexes/{uid}/settings", Action::kSettingsUpdate},
    RouteAction{"GET", "/indexes/{uid}/settings/*", Action::kSettingsGet},
    RouteAction{"PUT", "/indexes/{uid}/settings/*", Action::kSettingsUpdate},
    RouteAction{"PATCH", "/indexes/{uid}/settings/*", Action::kSettingsUpdate},
    RouteAction{"DELETE", "/indexes/{uid}/settings/*", Action::kSettingsUpdate},
    // Tasks.
    RouteAction{"GET", "/tasks", Action::kTasksGet},
    RouteAction{"GET", "/tasks/{uid}", Action::kTasksGet},
    RouteAction{"GET", "/batches", Action::kTasksGet},
    RouteAction{"GET", "/batches/{uid}", Action::kTasksGet},
    RouteAction{"POST", "/tasks/cancel", Action::kTasksCancel},
    RouteAction{"DELETE", "/tasks", Action::kTasksDelete},
    // Backups.
    RouteAction{"POST", "/dumps", Action::kDumpsCreate},
    RouteAction{"POST", "/snapshots", Action::kSnapshotsCreate},
    // Keys.
    RouteAction{"GET", "/keys", Action::kKeysGet},
    RouteAction{"POST", "/keys", Action::kKeysCreate},
    RouteAction{"GET", "/keys/{key}", Action::kKeysGet},
    RouteAction{"PATCH", "/keys/{key}", Action::kKeysUpdate},
    RouteAction{"DELETE", "/keys/{key}", Action::kKeysDelete},
};

}  // namespace

std::span<const RouteAction> AllRouteActions() { return kRoutes; }

const RouteAction* FindRouteAction(std::string_view method, std::string_view pattern) {
  for (const RouteAction& r : kRoutes) {
    if (r.method != method) continue;
    if (r.pattern == pattern) return &r;
    if (r.pattern.ends_with('*') &&
        pattern.starts_with(r.pattern.substr(0, r.pattern.size() - 1))) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace myriad::http
