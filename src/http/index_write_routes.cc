#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/json_body.h"
#include "http/task_response.h"
#include "http/write_routes.h"

namespace myriad::http {
namespace {

using scheduler::Task;
using scheduler::TaskKind;

// A string field of `body` named `key`: absent, null or a string, else the 400
// response with `code`.
std::variant<std::optional<std::string>, Response> OptionalStringField(
    const boost::json::object& body, const char* key, std::string_view code) {
  const boost::json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    return ErrorResponse(code, std::string("Invalid value type at `.") + key +
                                   "`: expected a string, but found " + boost::json::serialize(*v) +
                                   ".");
  }
  return std::optional<std::string>(std::string(v->get_string()));
}

// Meilisearch refuses unknown fields in bodies.
std::optional<Response> RejectUnknownFields(const boost::json::object& body,
                                            std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : body) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string expected;
    for (std::string_view k : known) {
      if (!expected.empty()) expected += ", ";
      expected += "`" + std::string(k) + "`";
    }
    return ErrorResponse("bad_request",
                         "Unknown field `" + std::string(key) + "`: expected one of " + expected);
  }
  return std::nullopt;
}

Response CreateIndex(scheduler::Scheduler& scheduler, const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const boost::json::value& v = std::get<boost::json::value>(parsed);
  if (!v.is_object()) return ErrorResponse("bad_request", "The body must be a JSON object.");
  const boost::json::object& body = v.get_object();
  if (auto unknown = RejectUnknownFields(body, {"uid", "primaryKey"})) return *unknown;
  const boost::json::value* uid = body.if_contains("uid");
  if (uid == nullptr) return ErrorResponse("missing_index_uid", "Missing field `uid`");
  if (!uid->is_string()) {
    return ErrorResponse("invalid_index_uid", "Invalid value type at `.uid`: expected a string.");
  }
  const std::string name(uid->get_string());
  if (auto invalid = CheckIndexUid(name)) return *invalid;
  auto pk = OptionalStringField(body, "primaryKey", "invalid_index_primary_key");
  if (auto* error = std::get_if<Response>(&pk)) return *error;

  Task task;
  task.kind = TaskKind::kIndexCreation;
  task.index_uid = name;
  const auto& primary_key = std::get<std::optional<std::string>>(pk);
  if (primary_key) task.params["primaryKey"] = *primary_key;
  task.details["primaryKey"] = primary_key ? boost::json::value(*primary_key) : nullptr;
  return EnqueueTask(scheduler, std::move(task));
}

Response UpdateIndex(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const boost::json::value& v = std::get<boost::json::value>(parsed);
  if (!v.is_object()) return ErrorResponse("bad_request", "The body must be a JSON object.");
  const boost::json::object& body = v.get_object();
  if (auto unknown = RejectUnknownFields(body, {"uid", "primaryKey"})) return *unknown;
  auto pk = OptionalStringField(body, "primaryKey", "invalid_index_primary_key");
  if (auto* error = std::get_if<Response>(&pk)) return *error;
  auto new_uid = OptionalStringField(body, "uid", "invalid_index_uid");
  if (auto* error = std::get_if<Response>(&new_uid)) return *error;

  Task task;
  task.kind = TaskKind::kIndexUpdate;
  task.index_uid = std::string(uid);
  const auto& primary_key = std::get<std::optional<std::string>>(pk);
  const auto& rename = std::get<std::optional<std::string>>(new_uid);
  if (rename) {
    if (auto invalid = CheckIndexUid(*rename)) return *invalid;
    task.params["newUid"] = *rename;
  }
  if (primary_key) task.params["primaryKey"] = *primary_key;
  task.details["primaryKey"] = primary_key ? boost::json::value(*primary_key) : nullptr;
  return EnqueueTask(scheduler, std::move(task));
}

Response DeleteIndex(scheduler::Scheduler& scheduler, std::string_view uid) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  Task task;
  task.kind = TaskKind::kIndexDeletion;
  task.index_uid = std::string(uid);
  task.details["deletedDocuments"] = nullptr;
  return EnqueueTask(scheduler, std::move(task));
}

}  // namespace

void AddIndexWriteRoutes(Router& router, scheduler::Scheduler& scheduler) {
  router.Add("POST", "/indexes", [&scheduler](const Request& req, const PathParams&) {
    return CreateIndex(scheduler, req);
  });
  router.Add("PATCH", "/indexes/{uid}", [&scheduler](const Request& req, const PathParams& p) {
    return UpdateIndex(scheduler, req, p.Get("uid"));
  });
  router.Add("DELETE", "/indexes/{uid}", [&scheduler](const Request&, const PathParams& p) {
    return DeleteIndex(scheduler, p.Get("uid"));
  });
}

}  // namespace myriad::http
