#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "engine/schema/parse_settings.h"
#include "engine/schema/settings_json.h"
#include "engine/schema/sub_routes.h"
#include "http/index_read.h"
#include "http/json_body.h"
#include "http/search_routes.h"
#include "http/task_response.h"

namespace myriad::http {
namespace {

using scheduler::Task;
using scheduler::TaskKind;

Response GetSettings(index_mapper::IndexMapper& mapper, std::string_view uid,
                     const settings::SubRoute* route) {
  return ReadIndex(mapper, uid, [&](const engine::Index& index, const storage::ReadTxn& txn) {
    auto loaded = index.LoadSettings(txn);
    if (!loaded.ok()) return StatusResponse(loaded.status(), "internal");
    boost::json::object all = settings::ToJson(*loaded);
    if (route == nullptr) return Ok(all);
    const boost::json::value* value = all.if_contains(route->key);
    if (value == nullptr)
      return StatusResponse(Status::Internal("no setting " + std::string(route->key)), "internal");
    return Response{200, boost::json::serialize(*value)};
  });
}

Response EnqueueSettings(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid,
                         const settings::SettingsPatch& patch) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  Task task;
  task.kind = TaskKind::kSettingsUpdate;
  task.index_uid = std::string(uid);
  task.details = settings::PatchToDetails(patch);
  task.params["settings"] = task.details;
  if (!req.MayCreateIndexes()) task.params["allowIndexCreation"] = false;
  return EnqueueTask(scheduler, std::move(task));
}

// PATCH /settings, or PUT/PATCH on a sub-route (`route`).
Response UpdateSettings(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid,
                        const settings::SubRoute* route) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  auto body = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&body)) return *error;
  const boost::json::value& value = std::get<boost::json::value>(body);
  auto patch = route == nullptr ? settings::ParseSettingsPatch(value)
                                : settings::ParseSubRoute(route->name, value);
  if (auto* error = std::get_if<settings::SettingsError>(&patch)) {
    return ErrorResponse(error->code, error->message);
  }
  return EnqueueSettings(scheduler, req, uid, std::get<settings::SettingsPatch>(patch));
}

}  // namespace

void AddSettingsRoutes(Router& router, index_mapper::IndexMapper& mapper,
                       scheduler::Scheduler& scheduler) {
  router.Add("GET", "/indexes/{uid}/settings", [&mapper](const Request&, const PathParams& p) {
    return GetSettings(mapper, p.Get("uid"), nullptr);
  });
  router.Add("PATCH", "/indexes/{uid}/settings",
             [&scheduler](const Request& req, const PathParams& p) {
               return UpdateSettings(scheduler, req, p.Get("uid"), nullptr);
             });
  router.Add("DELETE", "/indexes/{uid}/settings",
             [&scheduler](const Request& req, const PathParams& p) {
               return EnqueueSettings(scheduler, req, p.Get("uid"), settings::ResetAllPatch());
             });
  for (const settings::SubRoute& route : settings::SubRoutes()) {
    const std::string path = "/indexes/{uid}/settings/" + std::string(route.name);
    const settings::SubRoute* r = &route;
    router.Add("GET", path, [&mapper, r](const Request&, const PathParams& p) {
      return GetSettings(mapper, p.Get("uid"), r);
    });
    router.Add(route.verb == settings::UpdateVerb::kPut ? "PUT" : "PATCH", path,
               [&scheduler, r](const Request& req, const PathParams& p) {
                 return UpdateSettings(scheduler, req, p.Get("uid"), r);
               });
    router.Add("DELETE", path, [&scheduler, r](const Request& req, const PathParams& p) {
      return EnqueueSettings(scheduler, req, p.Get("uid"), settings::ResetSubRoutePatch(r->name));
    });
  }
}

}  // namespace myriad::http
