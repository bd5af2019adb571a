#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <functional>
#include <string>
#include <vector>

#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/json_body.h"
#include "http/task_response.h"
#include "http/write_routes.h"
#include "scheduler/task_query.h"
#include "util/rfc3339.h"

namespace myriad::http {
namespace {

using scheduler::TaskQuery;

std::optional<uint32_t> ParseU32(std::string_view text) {
  uint32_t n = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return n;
}

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// Parses the comma list `name` with `parse` into `out` (unset when absent or
// `*`); returns the 400 response for the first bad item.
template <typename T>
std::optional<Response> ParseList(const Request& req, std::string_view name, std::string_view code,
                                  const std::function<std::optional<T>(std::string_view)>& parse,
                                  const std::function<std::string(std::string_view)>& complaint,
                                  std::optional<std::vector<T>>& out) {
  std::optional<std::string_view> text = req.Query(name);
  if (!text) return std::nullopt;
  std::vector<T> items;
  for (std::string_view item : SplitCommas(*text)) {
    if (item == "*") return std::nullopt;
    std::optional<T> value = parse(item);
    if (!value) {
      return ErrorResponse(
          code, "Invalid value in parameter `" + std::string(name) + "`: " + complaint(item));
    }
    items.push_back(std::move(*value));
  }
  out = std::move(items);
  return std::nullopt;
}

Response BadUid(std::string_view code, std::string_view parameter, std::string_view text) {
  return ErrorResponse(code, "Invalid value in parameter `" + std::string(parameter) +
                                 "`: could not parse `" + std::string(text) +
                                 "` as a positive integer");
}

std::string NotANumber(std::string_view item) {
  return "could not parse `" + std::string(item) + "` as a positive integer";
}

// A key limited to some indexes sees the tasks of those indexes only (tasks
// of no index, such as cancelations, are the whole database's).
void RestrictToVisible(const Request& req, TaskQuery& q) {
  if (req.SeesEveryIndex()) return;
  q.visible = [access = req.access](const std::optional<std::string>& index) {
    return index.has_value() && access->CanSeeIndex(*index);
  };
}

std::optional<Response> ParseTaskQuery(const Request& req, TaskQuery& q) {
  // An unknown parameter is refused, as Meilisearch's deserr does: a typo must
  // not silently widen a list, a cancelation or a deletion.
  static constexpr std::string_view kKnown[] = {"limit",
                                                "from",
                                                "reverse",
                                                "batchUids",
                                                "uids",
                                                "canceledBy",
                                                "types",
                                                "statuses",
                                                "indexUids",
                                                "afterEnqueuedAt",
                                                "beforeEnqueuedAt",
                                                "afterStartedAt",
                                                "beforeStartedAt",
                                                "afterFinishedAt",
                                                "beforeFinishedAt"};
  for (const auto& param : req.query) {
    if (std::find(std::begin(kKnown), std::end(kKnown), param.first) != std::end(kKnown)) continue;
    std::string message = "Unknown parameter `" + param.first + "`: expected one of ";
    for (std::string_view k : kKnown) {
      message += (k == kKnown[0] ? "`" : ", `") + std::string(k) + "`";
    }
    return ErrorResponse("bad_request", message);
  }
  RestrictToVisible(req, q);
  const std::function<std::optional<uint32_t>(std::string_view)> u32 = ParseU32;
  if (auto e = ParseList<uint32_t>(req, "uids", "invalid_task_uids", u32, NotANumber, q.uids)) {
    return e;
  }
  if (auto e = ParseList<uint32_t>(req, "batchUids", "invalid_task_batch_uids", u32, NotANumber,
                                   q.batch_uids)) {
    return e;
  }
  if (auto e = ParseList<uint32_t>(req, "canceledBy", "invalid_task_canceled_by", u32, NotANumber,
                                   q.canceled_by)) {
    return e;
  }
  if (auto e = ParseList<scheduler::TaskKind>(
          req, "types", "invalid_task_types", scheduler::ParseTaskKind,
          [](std::string_view item) {
            return "`" + std::string(item) +
                   "` is not a valid task type. Available types are `documentAdditionOrUpdate`, "
                   "`documentDeletion`, `settingsUpdate`, `indexCreation`, `indexDeletion`, "
                   "`indexUpdate`, `indexSwap`, `taskCancelation`, `taskDeletion`.";
          },
          q.types)) {
    return e;
  }
  if (auto e = ParseList<scheduler::TaskStatus>(
          req, "statuses", "invalid_task_statuses", scheduler::ParseTaskStatus,
          [](std::string_view item) {
            return "`" + std::string(item) +
                   "` is not a valid task status. Available statuses are `enqueued`, "
                   "`processing`, `succeeded`, `failed`, `canceled`.";
          },
          q.statuses)) {
    return e;
  }
  if (auto e = ParseList<std::string>(
          req, "indexUids", "invalid_index_uid",
          [](std::string_view item) -> std::optional<std::string> {
            if (!index_mapper::IsValidIndexUid(item)) return std::nullopt;
            return std::string(item);
          },
          [](std::string_view item) {
            return "`" + std::string(item) + "` is not a valid index uid.";
          },
          q.index_uids)) {
    return e;
  }
  struct DateParam {
    const char* name;
    LoneDate lone_date;
    std::optional<int64_t>* out;
  };
  const DateParam dates[] = {
      {"afterEnqueuedAt", LoneDate::kNextMidnight, &q.after_enqueued_at_ns},
      {"beforeEnqueuedAt", LoneDate::kItsMidnight, &q.before_enqueued_at_ns},
      {"afterStartedAt", LoneDate::kNextMidnight, &q.after_started_at_ns},
      {"beforeStartedAt", LoneDate::kItsMidnight, &q.before_started_at_ns},
      {"afterFinishedAt", LoneDate::kNextMidnight, &q.after_finished_at_ns},
      {"beforeFinishedAt", LoneDate::kItsMidnight, &q.before_finished_at_ns},
  };
  for (const DateParam& d : dates) {
    std::optional<std::string_view> text = req.Query(d.name);
    if (!text || *text == "*") continue;
    Result<int64_t> ns = ParseRfc3339(*text, d.lone_date);
    if (!ns.ok()) {
      // afterEnqueuedAt -> invalid_task_after_enqueued_at
      std::string code = "invalid_task_";
      for (const char* c = d.name; *c != '\0'; ++c) {
        if (*c >= 'A' && *c <= 'Z') {
          code += '_';
          code += static_cast<char>(*c - 'A' + 'a');
        } else {
          code += *c;
        }
      }
      return ErrorResponse(code, "Invalid value in parameter `" + std::string(d.name) + "`: `" +
                                     std::string(*text) +
                                     "` is an invalid date-time. It should follow the YYYY-MM-DD "
                                     "or RFC 3339 date-time format.");
    }
    *d.out = *ns;
  }
  if (auto text = req.Query("limit")) {
    auto n = ParseU32(*text);
    if (!n) return BadQueryNumber("invalid_task_limit", "limit", *text);
    q.limit = *n;
  }
  if (auto text = req.Query("from")) {
    auto n = ParseU32(*text);
    if (!n) return BadQueryNumber("invalid_task_from", "from", *text);
    q.from = *n;
  }
  if (auto text = req.Query("reverse")) {
    if (*text != "true" && *text != "false") {
      return ErrorResponse("invalid_task_reverse",
                           "Invalid value in parameter `reverse`: could "
                           "not parse `" +
                               std::string(*text) + "` as a boolean.");
    }
    q.reverse = *text == "true";
  }
  return std::nullopt;
}

// "?" and the query as sent, as Meilisearch's `originalFilter` shows it.
std::string OriginalFilter(const Request& req) {
  std::string out = "?";
  for (const auto& [key, value] : req.query) {
    if (out.size() > 1) out += '&';
    out += key + "=";
    for (char c : value) {
      if (c == ',') {
        out += "%2C";
      } else {
        out += c;
      }
    }
  }
  return out;
}

// POST /tasks/cancel and DELETE /tasks: the tasks matching the filters now are
// recorded in the new task, which acts on them when it runs.
Response MatchTasks(const scheduler::TaskStore& tasks, scheduler::Scheduler& scheduler,
                    const Request& req, scheduler::TaskKind kind) {
  TaskQuery query;
  if (auto error = ParseTaskQuery(req, query)) return *error;
  const bool any_filter = std::any_of(req.query.begin(), req.query.end(), [](const auto& kv) {
    return kv.first != "limit" && kv.first != "from" && kv.first != "reverse";
  });
  if (!any_filter) {
    const bool cancel = kind == scheduler::TaskKind::kTaskCancelation;
    return ErrorResponse("missing_task_filters",
                         std::string("Query parameters to filter the tasks to ") +
                             (cancel ? "cancel" : "delete") +
                             " are missing. Available query parameters are: `uids`, "
                             "`indexUids`, `statuses`, `types`, `canceledBy`, `beforeEnqueuedAt`, "
                             "`afterEnqueuedAt`, `beforeStartedAt`, `afterStartedAt`, "
                             "`beforeFinishedAt`, `afterFinishedAt`.");
  }
  Result<std::vector<uint32_t>> matched = tasks.MatchingUids(query);
  if (!matched.ok()) return StatusResponse(matched.status(), "internal");
  scheduler::Task task;
  task.kind = kind;
  boost::json::array uids;
  for (uint32_t uid : *matched) uids.push_back(uid);
  task.params["uids"] = std::move(uids);
  task.details["matchedTasks"] = matched->size();
  task.details[kind == scheduler::TaskKind::kTaskCancelation ? "canceledTasks" : "deletedTasks"] =
      nullptr;
  task.details["originalFilter"] = OriginalFilter(req);
  Response response = EnqueueTask(scheduler, std::move(task));
  if (response.status == 202) response.status = 200;  // as Meilisearch answers these two
  return response;
}

}  // namespace

void AddTaskRoutes(Router& router, const scheduler::TaskStore& tasks,
                   scheduler::Scheduler& scheduler) {
  router.Add("POST", "/tasks/cancel", [&tasks, &scheduler](const Request& req, const PathParams&) {
    return MatchTasks(tasks, scheduler, req, scheduler::TaskKind::kTaskCancelation);
  });
  router.Add("DELETE", "/tasks", [&tasks, &scheduler](const Request& req, const PathParams&) {
    return MatchTasks(tasks, scheduler, req, scheduler::TaskKind::kTaskDeletion);
  });
  router.Add("GET", "/tasks", [&tasks](const Request& req, const PathParams&) {
    TaskQuery query;
    if (auto error = ParseTaskQuery(req, query)) return *error;
    Result<scheduler::TaskPage> page = tasks.Query(query);
    if (!page.ok()) return StatusResponse(page.status(), "internal");
    return Ok(scheduler::TaskPageToJson(*page));
  });
  router.Add("GET", "/tasks/{uid}", [&tasks](const Request& req, const PathParams& p) {
    const std::string_view text = p.Get("uid");
    std::optional<uint32_t> uid = ParseU32(text);
    if (!uid) return BadUid("invalid_task_uid", "taskUid", text);
    Result<scheduler::Task> task = tasks.Get(*uid);
    if (task.ok() && !req.SeesEveryIndex() && (!task->index_uid || !req.MaySee(*task->index_uid))) {
      task = Status::NotFound("hidden from this key");
    }
    if (!task.ok()) {
      if (task.status().code() == StatusCode::kNotFound) {
        return ErrorResponse("task_not_found", "Task `" + std::to_string(*uid) + "` not found.");
      }
      return StatusResponse(task.status(), "internal");
    }
    return Ok(scheduler::TaskToJson(*task));
  });
  // Batches answer the filters of GET /tasks: those holding a matching task.
  router.Add("GET", "/batches", [&tasks](const Request& req, const PathParams&) {
    TaskQuery query;
    if (auto error = ParseTaskQuery(req, query)) return *error;
    Result<scheduler::BatchPage> page = tasks.QueryBatches(query);
    if (!page.ok()) return StatusResponse(page.status(), "internal");
    return Ok(scheduler::BatchPageToJson(*page));
  });
  router.Add("GET", "/batches/{uid}", [&tasks](const Request& req, const PathParams& p) {
    const std::string_view text = p.Get("uid");
    std::optional<uint32_t> uid = ParseU32(text);
    if (!uid) return BadUid("invalid_batch_uid", "batchUid", text);
    TaskQuery visibility;
    RestrictToVisible(req, visibility);
    Result<scheduler::TaskBatch> batch = tasks.GetBatch(*uid, visibility.visible);
    if (!batch.ok()) {
      if (batch.status().code() == StatusCode::kNotFound) {
        return ErrorResponse("batch_not_found", "Batch `" + std::to_string(*uid) + "` not found.");
      }
      return StatusResponse(batch.status(), "internal");
    }
    return Ok(scheduler::BatchToJson(*batch));
  });
}

}  // namespace myriad::http
