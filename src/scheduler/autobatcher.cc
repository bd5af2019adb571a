#include "scheduler/autobatcher.h"

#include "scheduler/index_swap.h"

namespace myriad::scheduler {
namespace {

// How tasks group; tasks of different groups never share a batch.
enum class Group { kDocuments, kSettings, kAlone };

bool IsDeletionById(const Task& t) {
  return t.kind == TaskKind::kDocumentDeletion && t.params.contains("ids");
}

Group GroupOf(const Task& t) {
  if (t.kind == TaskKind::kDocumentAdditionOrUpdate || IsDeletionById(t)) return Group::kDocuments;
  if (t.kind == TaskKind::kSettingsUpdate) return Group::kSettings;
  return Group::kAlone;
}

std::optional<std::string> PrimaryKeyOf(const Task& t) {
  auto it = t.params.find("primaryKey");
  if (it == t.params.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

// True when `t` renames another index to `uid` (params "newUid", set by the
// HTTP layer on PATCH /indexes/{uid} with a `uid`).
bool RenamesOnto(const Task& t, const std::string& uid) {
  if (t.kind != TaskKind::kIndexUpdate) return false;
  auto it = t.params.find("newUid");
  return it != t.params.end() && it->value().is_string() && it->value().as_string() == uid;
}

// True when `t` swaps `uid` with another index (or renames it, or onto it).
bool Swaps(const Task& t, const std::string& uid) {
  if (t.kind != TaskKind::kIndexSwap) return false;
  for (const index_mapper::IndexSwap& s : SwapsOf(t.details)) {
    if (s.lhs == uid || s.rhs == uid) return true;
  }
  return false;
}

Batch Single(const Task& t) { return Batch{{t.uid}, t.kind, t.index_uid}; }

}  // namespace

Batch NextBatch(const std::vector<Task>& enqueued,
                const std::function<bool(const std::string& uid)>& index_exists,
                const BatchLimits& limits) {
  for (const Task& t : enqueued) {
    if (t.kind == TaskKind::kTaskCancelation) return Single(t);
  }

  Batch deletions{{}, TaskKind::kTaskDeletion, std::nullopt};
  for (const Task& t : enqueued) {
    if (t.kind != TaskKind::kTaskDeletion) continue;
    if (deletions.task_uids.size() >= limits.max_tasks) break;
    deletions.task_uids.push_back(t.uid);
  }
  if (!deletions.empty()) return deletions;

  if (enqueued.empty()) return Batch{};
  const Task& first = enqueued.front();
  const Group group = GroupOf(first);
  if (group == Group::kAlone || !first.index_uid || !index_exists(*first.index_uid)) {
    return Single(first);
  }

  Batch batch = Single(first);
  std::optional<std::string> primary_key = PrimaryKeyOf(first);
  uint64_t bytes = first.payload_bytes;
  for (size_t i = 1; i < enqueued.size() && batch.task_uids.size() < limits.max_tasks; ++i) {
    const Task& t = enqueued[i];
    if (t.index_uid != first.index_uid) {
      // A rename onto this index, or a swap of it, keeps its place among the
      // index's tasks: those after it act on the index then under that name.
      if (RenamesOnto(t, *first.index_uid) || Swaps(t, *first.index_uid)) break;
      continue;
    }
    if (GroupOf(t) != group) break;
    if (bytes + t.payload_bytes > limits.max_payload_bytes) break;
    if (auto pk = PrimaryKeyOf(t)) {
      if (primary_key && *primary_key != *pk) break;
      primary_key = pk;
    }
    bytes += t.payload_bytes;
    batch.task_uids.push_back(t.uid);
  }
  return batch;
}

}  // namespace myriad::scheduler
