// Task: one asynchronous write, as the task store keeps it, and its Meilisearch
// JSON views.
//
// Thread safety: value types and pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace myriad::scheduler {

// The numeric values are stored in the task store's secondary indexes: append
// only, never renumber.
enum class TaskStatus : uint8_t { kEnqueued = 0, kProcessing, kSucceeded, kFailed, kCanceled };

enum class TaskKind : uint8_t {
  kDocumentAdditionOrUpdate = 0,
  kDocumentDeletion,
  kSettingsUpdate,
  kIndexCreation,
  kIndexUpdate,
  kIndexDeletion,
  kIndexSwap,
  kTaskCancelation,
  kTaskDeletion,
  kDumpCreation,
  kSnapshotCreation,
};

// Meilisearch's spellings: "enqueued", "processing", "succeeded", "failed", "canceled".
std::string_view TaskStatusName(TaskStatus status);
std::optional<TaskStatus> ParseTaskStatus(std::string_view name);
// Meilisearch's spellings: "documentAdditionOrUpdate", "indexCreation", ...
std::string_view TaskKindName(TaskKind kind);
std::optional<TaskKind> ParseTaskKind(std::string_view name);

// Succeeded, failed or canceled: the task will not run again.
bool IsFinished(TaskStatus status);

// The error object of a failed task (and of HTTP errors): message, code, type, link.
struct TaskError {
  std::string message;
  std::string code;
  std::string type;
  std::string link;

  bool operator==(const TaskError&) const = default;
};

struct Task {
  uint32_t uid = 0;
  std::optional<uint32_t> batch_uid;
  std::optional<std::string> index_uid;  // nullopt for global tasks
  TaskStatus status = TaskStatus::kEnqueued;
  TaskKind kind = TaskKind::kIndexCreation;
  std::optional<uint32_t> canceled_by;
  boost::json::object details;  // Meilisearch's `details`; empty means none
  std::optional<TaskError> error;
  int64_t enqueued_at_ns = 0;  // Unix time
  std::optional<int64_t> started_at_ns;
  std::optional<int64_t> finished_at_ns;
  // The update file holding the payload, if any (see UpdateFiles).
  std::optional<std::string> payload_uuid;
  // Size of that payload, which bounds a batch (see NextBatch).
  uint64_t payload_bytes = 0;
  // What the processor needs and the HTTP layer does not show: primaryKey,
  // csvDelimiter, the replace flag, ids to delete, a filter, and
  // `allowIndexCreation: false` when the key that enqueued a document or
  // settings task lacked `indexes.create` (a missing index is then not created)...
  boost::json::object params;
  // Meilisearch's `customMetadata`: a string the user attached when enqueuing
  // (document routes), shown on the task.
  std::optional<std::string> custom_metadata;

  bool operator==(const Task&) const = default;
};

// Meilisearch's task object (GET /tasks/{uid}): uid, batchUid, indexUid, status,
// type, canceledBy, details (omitted when empty), error (null or object),
// duration (null until finished), enqueuedAt, startedAt, finishedAt, and
// customMetadata when set.
boost::json::object TaskToJson(const Task& task);

// The body of a 202: taskUid, indexUid, status, type, enqueuedAt (and
// customMetadata when set).
boost::json::object SummarizedTaskJson(const Task& task);

}  // namespace myriad::scheduler
