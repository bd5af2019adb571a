#include "scheduler/task.h"

#include <array>
#include <utility>

#include "scheduler/time_format.h"
#include "util/rfc3339.h"

namespace myriad::scheduler {
namespace {

constexpr std::array<std::pair<TaskStatus, std::string_view>, 5> kStatusNames = {{
    {TaskStatus::kEnqueued, "enqueued"},
    {TaskStatus::kProcessing, "processing"},
    {TaskStatus::kSucceeded, "succeeded"},
    {TaskStatus::kFailed, "failed"},
    {TaskStatus::kCanceled, "canceled"},
}};

constexpr std::array<std::pair<TaskKind, std::string_view>, 11> kKindNames = {{
    {TaskKind::kDocumentAdditionOrUpdate, "documentAdditionOrUpdate"},
    {TaskKind::kDocumentDeletion, "documentDeletion"},
    {TaskKind::kSettingsUpdate, "settingsUpdate"},
    {TaskKind::kIndexCreation, "indexCreation"},
    {TaskKind::kIndexUpdate, "indexUpdate"},
    {TaskKind::kIndexDeletion, "indexDeletion"},
    {TaskKind::kIndexSwap, "indexSwap"},
    {TaskKind::kTaskCancelation, "taskCancelation"},
    {TaskKind::kTaskDeletion, "taskDeletion"},
    {TaskKind::kDumpCreation, "dumpCreation"},
    {TaskKind::kSnapshotCreation, "snapshotCreation"},
}};

template <typename Value>
boost::json::value OrNull(const std::optional<Value>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

boost::json::value DateOrNull(const std::optional<int64_t>& ns) {
  if (!ns) return nullptr;
  return boost::json::value(FormatRfc3339(*ns));
}

}  // namespace

std::string_view TaskStatusName(TaskStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "unknown";
}

std::optional<TaskStatus> ParseTaskStatus(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::string_view TaskKindName(TaskKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<TaskKind> ParseTaskKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool IsFinished(TaskStatus status) {
  return status == TaskStatus::kSucceeded || status == TaskStatus::kFailed ||
         status == TaskStatus::kCanceled;
}

boost::json::object TaskToJson(const Task& task) {
  boost::json::object o;
  o["uid"] = task.uid;
  o["batchUid"] = OrNull(task.batch_uid);
  o["indexUid"] = OrNull(task.index_uid);
  o["status"] = TaskStatusName(task.status);
  o["type"] = TaskKindName(task.kind);
  o["canceledBy"] = OrNull(task.canceled_by);
  if (!task.details.empty()) o["details"] = task.details;
  if (task.error) {
    o["error"] = boost::json::object{{"message", task.error->message},
                                     {"code", task.error->code},
                                     {"type", task.error->type},
                                     {"link", task.error->link}};
  } else {
    o["error"] = nullptr;
  }
  std::optional<std::string> duration;
  if (task.started_at_ns && task.finished_at_ns) {
    duration = FormatIsoDuration(*task.finished_at_ns - *task.started_at_ns);
  }
  o["duration"] = OrNull(duration);
  o["enqueuedAt"] = FormatRfc3339(task.enqueued_at_ns);
  o["startedAt"] = DateOrNull(task.started_at_ns);
  o["finishedAt"] = DateOrNull(task.finished_at_ns);
  if (task.custom_metadata) o["customMetadata"] = *task.custom_metadata;
  return o;
}

boost::json::object SummarizedTaskJson(const Task& task) {
  boost::json::object o;
  o["taskUid"] = task.uid;
  o["indexUid"] = OrNull(task.index_uid);
  o["status"] = TaskStatusName(task.status);
  o["type"] = TaskKindName(task.kind);
  o["enqueuedAt"] = FormatRfc3339(task.enqueued_at_ns);
  if (task.custom_metadata) o["customMetadata"] = *task.custom_metadata;
  return o;
}

}  // namespace myriad::scheduler
