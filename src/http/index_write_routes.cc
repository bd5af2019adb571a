#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/body_fields.h"
#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/json_body.h"
#include "http/task_response.h"
#include "http/write_routes.h"
#include "scheduler/index_swap.h"

namespace myriad::http {
namespace {

using scheduler::Task;
using scheduler::TaskKind;

// The body of POST /indexes and PATCH /indexes/{uid}: its `uid` and `primaryKey`.
struct IndexBody {
  bool has_uid = false;
  std::optional<std::string> uid;
  std::optional<std::string> primary_key;
};

std::variant<IndexBody, Response> ReadIndexBody(const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  auto opened =
      BodyFields::Open(std::get<boost::json::value>(parsed), {"uid", "primaryKey"}, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const BodyFields& body = std::get<BodyFields>(opened);
  IndexBody out;
  out.has_uid = body.Raw("uid") != nullptr;
  if (auto e = body.String("uid", "invalid_index_uid", out.uid)) return *e;
  if (auto e = body.String("primaryKey", "invalid_index_primary_key", out.primary_key)) return *e;
  if (out.uid) {
    if (auto invalid = CheckIndexUid(*out.uid)) return *invalid;
  }
  return out;
}

Response CreateIndex(scheduler::Scheduler& scheduler, const Request& req) {
  auto read = ReadIndexBody(req);
  if (auto* error = std::get_if<Response>(&read)) return *error;
  const IndexBody& body = std::get<IndexBody>(read);
  if (!body.has_uid) return ErrorResponse("missing_index_uid", "Missing field `uid`");
  Task task;
  task.kind = TaskKind::kIndexCreation;
  // The route names no index, so the key's index patterns are checked here.
  if (!req.MaySee(*body.uid)) {
    return ErrorResponse("invalid_api_key", "The provided API key is invalid.");
  }
  task.index_uid = *body.uid;
  if (body.primary_key) task.params["primaryKey"] = *body.primary_key;
  task.details["primaryKey"] =
      body.primary_key ? boost::json::value(*body.primary_key) : boost::json::value(nullptr);
  return EnqueueTask(scheduler, std::move(task));
}

Response UpdateIndex(scheduler::Scheduler& scheduler, const Request& req, std::string_view uid) {
  if (auto invalid = CheckIndexUid(uid)) return *invalid;
  auto read = ReadIndexBody(req);
  if (auto* error = std::get_if<Response>(&read)) return *error;
  const IndexBody& body = std::get<IndexBody>(read);
  Task task;
  task.kind = TaskKind::kIndexUpdate;
  task.index_uid = std::string(uid);
  // A rename must not move an index out of (or into) what the key may reach.
  if (body.uid && !req.MaySee(*body.uid)) {
    return ErrorResponse("invalid_api_key", "The provided API key is invalid.");
  }
  if (body.uid) task.params["newUid"] = *body.uid;
  if (body.primary_key) task.params["primaryKey"] = *body.primary_key;
  task.details["primaryKey"] =
      body.primary_key ? boost::json::value(*body.primary_key) : boost::json::value(nullptr);
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

// POST /swap-indexes: [{"indexes": [lhs, rhs], "rename": bool}, ...].
Response SwapIndexes(scheduler::Scheduler& scheduler, const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const boost::json::value& body = std::get<boost::json::value>(parsed);
  if (!body.is_array()) {
    return ErrorResponse("bad_request", "Invalid value type: expected an array, but found " +
                                            DescribeJsonValue(body));
  }
  std::vector<index_mapper::IndexSwap> swaps;
  for (const boost::json::value& entry : body.get_array()) {
    auto opened = BodyFields::Open(entry, {"indexes", "rename"}, "bad_request");
    if (auto* error = std::get_if<Response>(&opened)) return *error;
    const BodyFields& fields = std::get<BodyFields>(opened);
    std::optional<std::vector<std::string>> indexes;
    std::optional<bool> rename;
    if (auto e = fields.StringList("indexes", "invalid_swap_indexes", indexes)) return *e;
    if (auto e = fields.Bool("rename", "invalid_swap_rename", rename)) return *e;
    if (!indexes) return ErrorResponse("missing_swap_indexes", "Missing field `indexes`");
    for (const std::string& uid : *indexes) {
      if (auto invalid = CheckIndexUid(uid)) return *invalid;
    }
    if (indexes->size() != 2) {
      std::string list;
      for (const std::string& uid : *indexes) list += (list.empty() ? "\"" : ", \"") + uid + "\"";
      return ErrorResponse("invalid_swap_indexes",
                           "Two indexes must be given for each swap. The list `[" + list +
                               "]` contains " + std::to_string(indexes->size()) + " indexes.");
    }
    // The route names no index, so the key's index patterns are checked here.
    if (!req.MaySee((*indexes)[0]) || !req.MaySee((*indexes)[1])) {
      return ErrorResponse("invalid_api_key", "The provided API key is invalid.");
    }
    swaps.push_back({(*indexes)[0], (*indexes)[1], rename.value_or(false)});
  }
  if (auto refusal = scheduler::CheckSwapDuplicates(swaps)) {
    return ErrorResponse(refusal->code, refusal->message);
  }
  Task task;
  task.kind = TaskKind::kIndexSwap;
  task.details = scheduler::SwapDetails(swaps);
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
  router.Add("POST", "/swap-indexes", [&scheduler](const Request& req, const PathParams&) {
    return SwapIndexes(scheduler, req);
  });
}

}  // namespace myriad::http
