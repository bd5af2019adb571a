#include "scheduler/batch_view.h"

#include <algorithm>
#include <boost/json/array.hpp>

#include "scheduler/time_format.h"
#include "util/rfc3339.h"

namespace myriad::scheduler {
namespace {

void Count(boost::json::object& counts, std::string_view key) {
  boost::json::value& n = counts[key];
  n = n.is_int64() ? n.get_int64() + 1 : int64_t{1};
}

// Numbers add up (documents received, indexed, deleted...); anything else is
// the last task's.
void MergeDetails(boost::json::object& into, const boost::json::object& details) {
  for (const auto& [key, value] : details) {
    boost::json::value& have = into[key];
    if (have.is_int64() && value.is_int64()) {
      have = have.get_int64() + value.get_int64();
    } else if (!value.is_null() || have.is_null()) {
      have = value;
    }
  }
}

std::string Strategy(const TaskBatch& batch) {
  const Task& first = batch.tasks.front();
  if (batch.tasks.size() == 1) {
    return "task with id " + std::to_string(first.uid) + " of type `" +
           std::string(TaskKindName(first.kind)) + "` was batched alone";
  }
  return "batched " + std::to_string(batch.tasks.size()) + " tasks of type `" +
         std::string(TaskKindName(first.kind)) + "`" +
         (first.index_uid ? " for index `" + *first.index_uid + "`" : std::string());
}

}  // namespace

boost::json::object BatchToJson(const TaskBatch& batch) {
  boost::json::object details, statuses, types, indexes;
  // Plain integers: g++ cannot see through std::optional here (maybe-uninitialized).
  int64_t started = 0, finished = 0;
  bool has_started = false, all_finished = true;
  for (const Task& t : batch.tasks) {
    MergeDetails(details, t.details);
    Count(statuses, TaskStatusName(t.status));
    Count(types, TaskKindName(t.kind));
    if (t.index_uid) Count(indexes, *t.index_uid);
    if (t.started_at_ns && (!has_started || *t.started_at_ns < started)) {
      started = *t.started_at_ns;
      has_started = true;
    }
    if (t.finished_at_ns) finished = std::max(finished, *t.finished_at_ns);
    all_finished = all_finished && IsFinished(t.status) && t.finished_at_ns;
  }
  const bool done = has_started && all_finished;
  boost::json::object o;
  o["uid"] = batch.uid;
  o["progress"] = nullptr;
  o["details"] = std::move(details);
  o["stats"] = boost::json::object{{"totalNbTasks", batch.tasks.size()},
                                   {"status", std::move(statuses)},
                                   {"types", std::move(types)},
                                   {"indexUids", std::move(indexes)},
                                   // Myriad times no step of a batch: an empty trace.
                                   {"progressTrace", boost::json::object{}}};
  std::optional<std::string> duration;
  if (done) duration = FormatIsoDuration(finished - started);
  o["duration"] = duration ? boost::json::value(*duration) : boost::json::value(nullptr);
  o["startedAt"] = has_started ? boost::json::value(FormatRfc3339(started)) : nullptr;
  o["finishedAt"] = done ? boost::json::value(FormatRfc3339(finished)) : nullptr;
  o["batchStrategy"] = Strategy(batch);
  return o;
}

boost::json::object BatchPageToJson(const BatchPage& page) {
  boost::json::array results;
  results.reserve(page.results.size());
  for (const TaskBatch& b : page.results) results.push_back(BatchToJson(b));
  boost::json::object o;
  o["results"] = std::move(results);
  o["total"] = page.total;
  o["limit"] = page.limit;
  o["from"] = page.from ? boost::json::value(*page.from) : boost::json::value(nullptr);
  o["next"] = page.next ? boost::json::value(*page.next) : boost::json::value(nullptr);
  return o;
}

}  // namespace myriad::scheduler
