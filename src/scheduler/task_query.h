// TaskQuery: the filters and paging of GET /tasks (and the filters of task
// cancelation and deletion); TaskPage: its answer.
//
// Thread safety: value types and pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/task.h"

namespace myriad::scheduler {

struct TaskQuery {
  // Each list, when set, keeps the tasks whose field is in it. The HTTP layer
  // turns `*` into "unset".
  std::optional<std::vector<uint32_t>> uids;
  std::optional<std::vector<uint32_t>> batch_uids;
  std::optional<std::vector<uint32_t>> canceled_by;
  std::optional<std::vector<TaskKind>> types;
  std::optional<std::vector<TaskStatus>> statuses;
  std::optional<std::vector<std::string>> index_uids;
  // Exclusive bounds, in Unix nanoseconds. A task without the instant (not yet
  // started or finished) never satisfies a bound on it.
  std::optional<int64_t> after_enqueued_at_ns;
  std::optional<int64_t> before_enqueued_at_ns;
  std::optional<int64_t> after_started_at_ns;
  std::optional<int64_t> before_started_at_ns;
  std::optional<int64_t> after_finished_at_ns;
  std::optional<int64_t> before_finished_at_ns;
  // When set, keeps only the tasks it accepts, by their index uid (unset for
  // tasks of no index): the caller's API key may see only some indexes.
  std::function<bool(const std::optional<std::string>& index_uid)> visible;
  // Paging (ignored by TaskStore::MatchingUids): at most `limit` tasks, newest
  // first (ascending uids when `reverse`), starting at uid `from` inclusive.
  uint32_t limit = 20;
  std::optional<uint32_t> from;
  bool reverse = false;
};

// True when `task` passes every filter of `query` (paging aside).
bool MatchesTaskQuery(const TaskQuery& query, const Task& task);

// True when the query filters on something the task store keeps no index of
// (batch uids, canceledBy, dates), so that matching means reading each task.
bool NeedsFullTasks(const TaskQuery& query);

struct TaskPage {
  std::vector<Task> results;
  uint64_t total = 0;  // every task matching the filters, whatever the paging
  uint32_t limit = 20;
  std::optional<uint32_t> from;  // the uid of the first result
  std::optional<uint32_t> next;  // the uid of the first matching task not returned
};

// {results, total, limit, from, next}, each result as TaskToJson.
boost::json::object TaskPageToJson(const TaskPage& page);

}  // namespace myriad::scheduler
