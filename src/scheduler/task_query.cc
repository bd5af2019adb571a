#include "scheduler/task_query.h"

#include <algorithm>
#include <boost/json/array.hpp>

namespace myriad::scheduler {
namespace {

template <typename T>
bool InList(const std::optional<std::vector<T>>& list, const T& v) {
  return !list || std::find(list->begin(), list->end(), v) != list->end();
}

template <typename T>
bool InListOptional(const std::optional<std::vector<T>>& list, const std::optional<T>& v) {
  return !list || (v && std::find(list->begin(), list->end(), *v) != list->end());
}

bool InBounds(const std::optional<int64_t>& after, const std::optional<int64_t>& before,
              const std::optional<int64_t>& at) {
  if (!after && !before) return true;
  if (!at) return false;
  return (!after || *at > *after) && (!before || *at < *before);
}

}  // namespace

bool MatchesTaskQuery(const TaskQuery& q, const Task& t) {
  return InList(q.uids, t.uid) && InListOptional(q.batch_uids, t.batch_uid) &&
         InListOptional(q.canceled_by, t.canceled_by) && InList(q.types, t.kind) &&
         InList(q.statuses, t.status) && InListOptional(q.index_uids, t.index_uid) &&
         InBounds(q.after_enqueued_at_ns, q.before_enqueued_at_ns,
                  std::optional<int64_t>(t.enqueued_at_ns)) &&
         InBounds(q.after_started_at_ns, q.before_started_at_ns, t.started_at_ns) &&
         InBounds(q.after_finished_at_ns, q.before_finished_at_ns, t.finished_at_ns) &&
         (!q.visible || q.visible(t.index_uid));
}

bool NeedsFullTasks(const TaskQuery& q) {
  return q.batch_uids || q.canceled_by || q.visible || q.after_enqueued_at_ns ||
         q.before_enqueued_at_ns || q.after_started_at_ns || q.before_started_at_ns ||
         q.after_finished_at_ns || q.before_finished_at_ns;
}

boost::json::object TaskPageToJson(const TaskPage& page) {
  boost::json::array results;
  results.reserve(page.results.size());
  for (const Task& t : page.results) results.push_back(TaskToJson(t));
  boost::json::object o;
  o["results"] = std::move(results);
  o["total"] = page.total;
  o["limit"] = page.limit;
  o["from"] = page.from ? boost::json::value(*page.from) : boost::json::value(nullptr);
  o["next"] = page.next ? boost::json::value(*page.next) : boost::json::value(nullptr);
  return o;
}

}  // namespace myriad::scheduler
