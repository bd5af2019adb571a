#include "scheduler/task_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <optional>

#include "scheduler/task_dbs.h"
#include "scheduler/task_record.h"
#include "storage/cursor.h"
#include "storage/lmdb_status.h"
#include "util/clock.h"

namespace myriad::scheduler {
namespace {

using Uids = std::vector<uint32_t>;

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

Status TaskNotFound(uint32_t uid) {
  return Status::NotFound("Task `" + std::to_string(uid) + "` not found.");
}

Result<std::optional<Task>> ReadTask(const storage::Txn& txn, const TaskStoreDbs& dbs,
                                     uint32_t uid) {
  MYRIAD_ASSIGN_OR_RETURN(auto bytes, txn.Get(dbs.tasks, task_dbs::UidKey(uid)));
  if (!bytes) return std::optional<Task>();
  MYRIAD_ASSIGN_OR_RETURN(Task task, DecodeTaskRecord(*bytes));
  return std::optional<Task>(std::move(task));
}

Status RemoveIndexEntries(storage::WriteTxn& txn, const TaskStoreDbs& dbs, const Task& t) {
  MYRIAD_RETURN_IF_ERROR(txn.Delete(dbs.status, task_dbs::StatusKey(t.status, t.uid)));
  MYRIAD_RETURN_IF_ERROR(txn.Delete(dbs.kind, task_dbs::KindKey(t.kind, t.uid)));
  if (t.index_uid) {
    MYRIAD_RETURN_IF_ERROR(txn.Delete(dbs.index_tasks, task_dbs::IndexKey(*t.index_uid, t.uid)));
  }
  return Status::Ok();
}

Status PutTask(storage::WriteTxn& txn, const TaskStoreDbs& dbs, const Task& t) {
  MYRIAD_RETURN_IF_ERROR(txn.Put(dbs.tasks, task_dbs::UidKey(t.uid), EncodeTaskRecord(t)));
  MYRIAD_RETURN_IF_ERROR(txn.Put(dbs.status, task_dbs::StatusKey(t.status, t.uid), ""));
  MYRIAD_RETURN_IF_ERROR(txn.Put(dbs.kind, task_dbs::KindKey(t.kind, t.uid), ""));
  if (t.index_uid) {
    MYRIAD_RETURN_IF_ERROR(txn.Put(dbs.index_tasks, task_dbs::IndexKey(*t.index_uid, t.uid), ""));
  }
  return Status::Ok();
}

Status ReplaceTask(storage::WriteTxn& txn, const TaskStoreDbs& dbs, const Task& t) {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> old, ReadTask(txn, dbs, t.uid));
  if (!old) return TaskNotFound(t.uid);
  MYRIAD_RETURN_IF_ERROR(RemoveIndexEntries(txn, dbs, *old));
  return PutTask(txn, dbs, t);
}

Status DeleteTask(storage::WriteTxn& txn, const TaskStoreDbs& dbs, const Task& t) {
  MYRIAD_RETURN_IF_ERROR(RemoveIndexEntries(txn, dbs, t));
  return txn.Delete(dbs.tasks, task_dbs::UidKey(t.uid));
}

// Appends the trailing uid of every key of `db` that starts with `prefix`, at
// most `limit` of them.
Status AppendPrefixUids(const storage::Txn& txn, storage::Database db, std::string_view prefix,
                        Uids& out, uint64_t limit = UINT64_MAX) {
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, db));
  uint64_t appended = 0;
  for (auto more = prefix.empty() ? cursor.First() : cursor.Seek(prefix); appended < limit;
       more = cursor.Next(), ++appended) {
    if (!more.ok()) return more.status();
    if (!*more || !cursor.key().starts_with(prefix)) return Status::Ok();
    if (cursor.key().size() != prefix.size() + 4) {
      return Status::Corruption("task store: malformed secondary key");
    }
    out.push_back(*task_dbs::TrailingUid(cursor.key()));
  }
  return Status::Ok();
}

Result<Uids> AllUids(const storage::Txn& txn, const TaskStoreDbs& dbs) {
  Uids out;
  MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs.tasks, "", out));
  return out;
}

void SortUnique(Uids& uids) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
}

// Narrows `candidates` (sorted) to `more` (sorted); unset means "every task".
void Intersect(std::optional<Uids>& candidates, Uids more) {
  SortUnique(more);
  if (!candidates) {
    candidates = std::move(more);
    return;
  }
  Uids both;
  std::set_intersection(candidates->begin(), candidates->end(), more.begin(), more.end(),
                        std::back_inserter(both));
  candidates = std::move(both);
}

Result<Uids> MatchingUidsIn(const storage::Txn& txn, const TaskStoreDbs& dbs, const TaskQuery& q) {
  std::optional<Uids> candidates;
  if (q.uids) Intersect(candidates, *q.uids);
  if (q.statuses) {
    Uids found;
    for (TaskStatus s : *q.statuses) {
      std::string prefix(1, static_cast<char>(s));
      MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs.status, prefix, found));
    }
    Intersect(candidates, std::move(found));
  }
  if (q.types) {
    Uids found;
    for (TaskKind k : *q.types) {
      std::string prefix(1, static_cast<char>(k));
      MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs.kind, prefix, found));
    }
    Intersect(candidates, std::move(found));
  }
  if (q.index_uids) {
    Uids found;
    for (const std::string& index : *q.index_uids) {
      MYRIAD_RETURN_IF_ERROR(
          AppendPrefixUids(txn, dbs.index_tasks, task_dbs::IndexKeyPrefix(index), found));
    }
    Intersect(candidates, std::move(found));
  }
  if (!candidates) {
    MYRIAD_ASSIGN_OR_RETURN(candidates, AllUids(txn, dbs));
  }
  // `uids` may name tasks that do not exist; the other filters found only real ones.
  const bool must_read = NeedsFullTasks(q) || (q.uids && !q.statuses && !q.types && !q.index_uids);
  if (!must_read) return std::move(*candidates);
  Uids out;
  for (uint32_t uid : *candidates) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs, uid));
    if (task && MatchesTaskQuery(q, *task)) out.push_back(uid);
  }
  return out;
}

// Moves the tasks below `before` of s.lhs to s.rhs and those of s.rhs to s.lhs.
Status SwapHistory(storage::WriteTxn& txn, const TaskStoreDbs& dbs,
                   const index_mapper::IndexSwap& s, uint32_t before) {
  Uids lhs, rhs;
  MYRIAD_RETURN_IF_ERROR(
      AppendPrefixUids(txn, dbs.index_tasks, task_dbs::IndexKeyPrefix(s.lhs), lhs));
  MYRIAD_RETURN_IF_ERROR(
      AppendPrefixUids(txn, dbs.index_tasks, task_dbs::IndexKeyPrefix(s.rhs), rhs));
  const auto move = [&](const Uids& uids, const std::string& to) -> Status {
    for (uint32_t uid : uids) {
      if (uid >= before) break;  // ascending
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs, uid));
      if (!task) return Status::Corruption("task store: an index entry names a missing task");
      task->index_uid = to;
      MYRIAD_RETURN_IF_ERROR(ReplaceTask(txn, dbs, *task));
    }
    return Status::Ok();
  };
  MYRIAD_RETURN_IF_ERROR(move(lhs, s.rhs));
  return move(rhs, s.lhs);
}

}  // namespace

Result<std::unique_ptr<TaskStore>> TaskStore::Open(const std::string& dir, uint64_t map_bytes_hint,
                                                   bool no_sync, uint64_t max_map_bytes) {
  if (max_map_bytes == 0) return Status::InvalidArgument("task store: the map cap must be set");
  storage::EnvOptions options;
  options.map_size = map_bytes_hint != 0
                         ? map_bytes_hint
                         : RoundUp(2 * FileSize(dir + "/data.mdb") + 64 * kMiB, kMiB);
  options.map_size = std::min(options.map_size, max_map_bytes);
  options.max_dbs = task_dbs::kDatabaseCount;
  options.max_readers = 1024;
  options.no_sync = no_sync;
  MYRIAD_ASSIGN_OR_RETURN(auto env, storage::Env::Open(dir, options));
  TaskStoreDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.tasks, env->OpenDatabase(task_dbs::kTasks, true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.status, env->OpenDatabase(task_dbs::kStatus, true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.kind, env->OpenDatabase(task_dbs::kKind, true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.index_tasks, env->OpenDatabase(task_dbs::kIndexTasks, true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.meta, env->OpenDatabase(task_dbs::kMeta, true));
  return std::unique_ptr<TaskStore>(new TaskStore(std::move(env), dbs, max_map_bytes));
}

Result<Task> TaskStore::Enqueue(Task task) {
  if (task.kind != TaskKind::kTaskCancelation && task.kind != TaskKind::kTaskDeletion &&
      NearlyFull()) {
    return Status::ResourceExhausted(
        "the task queue is nearly full: no new task is accepted until finished tasks are "
        "deleted (task cancelation and deletion are still accepted)");
  }
  task.status = TaskStatus::kEnqueued;
  const Status st = env_.Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto next, txn.Get(dbs_.meta, task_dbs::kNextUidKey));
    uint32_t uid = 0;
    if (next) {
      std::string_view bytes = *next;
      auto decoded = storage::ConsumeU32BE(bytes);
      if (!decoded) return Status::Corruption("task store: malformed next_uid");
      uid = *decoded;
    }
    if (uid == UINT32_MAX) return Status::ResourceExhausted("task uids are exhausted");
    task.uid = uid;
    task.enqueued_at_ns = WallClockNs();
    MYRIAD_RETURN_IF_ERROR(PutTask(txn, dbs_, task));
    return txn.Put(dbs_.meta, task_dbs::kNextUidKey, storage::EncodeU32BE(uid + 1));
  });
  if (!st.ok()) return st;
  return task;
}

Status TaskStore::Import(const std::vector<Task>& tasks) {
  return env_.Write([&](storage::WriteTxn& txn) -> Status {
    uint32_t next = 0;
    MYRIAD_ASSIGN_OR_RETURN(auto stored_next, txn.Get(dbs_.meta, task_dbs::kNextUidKey));
    if (stored_next) {
      std::string_view bytes = *stored_next;
      next = storage::ConsumeU32BE(bytes).value_or(0);
    }
    for (Task task : tasks) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> taken, ReadTask(txn, dbs_, task.uid));
      if (taken) return Status::AlreadyExists("task " + std::to_string(task.uid) + " exists");
      if (task.uid == UINT32_MAX) return Status::ResourceExhausted("task uids are exhausted");
      if (task.status == TaskStatus::kProcessing) {
        task.status = TaskStatus::kEnqueued;
        task.batch_uid.reset();
        task.started_at_ns.reset();
      }
      MYRIAD_RETURN_IF_ERROR(PutTask(txn, dbs_, task));
      next = std::max(next, task.uid + 1);
    }
    return txn.Put(dbs_.meta, task_dbs::kNextUidKey, storage::EncodeU32BE(next));
  });
}

Result<Task> TaskStore::Get(uint32_t uid) const {
  std::optional<Task> task;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(task, ReadTask(txn, dbs_, uid));
    return task ? Status::Ok() : TaskNotFound(uid);
  });
  if (!st.ok()) return st;
  return std::move(*task);
}

Status TaskStore::Update(const Task& task) {
  return env_.Write([&](storage::WriteTxn& txn) { return ReplaceTask(txn, dbs_, task); });
}

Status TaskStore::UpdateAll(const std::vector<Task>& tasks,
                            const std::vector<index_mapper::IndexSwap>& swapped,
                            uint32_t swapped_before) {
  return env_.Write([&](storage::WriteTxn& txn) -> Status {
    for (const Task& t : tasks) MYRIAD_RETURN_IF_ERROR(ReplaceTask(txn, dbs_, t));
    for (const index_mapper::IndexSwap& s : swapped) {
      MYRIAD_RETURN_IF_ERROR(SwapHistory(txn, dbs_, s, swapped_before));
    }
    return Status::Ok();
  });
}

Result<std::vector<uint32_t>> TaskStore::MatchingUids(const TaskQuery& query) const {
  Uids uids;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(uids, MatchingUidsIn(txn, dbs_, query));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return uids;
}

Status TaskStore::ForEach(const std::function<Status(const Task&)>& fn) const {
  return env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, dbs_.tasks));
    for (auto more = cursor.First();; more = cursor.Next()) {
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      MYRIAD_ASSIGN_OR_RETURN(Task task, DecodeTaskRecord(cursor.value()));
      MYRIAD_RETURN_IF_ERROR(fn(task));
    }
  });
}

Result<TaskPage> TaskStore::Query(const TaskQuery& query) const {
  TaskPage page;
  page.limit = query.limit;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(Uids uids, MatchingUidsIn(txn, dbs_, query));
    page.total = uids.size();
    if (!query.reverse) std::reverse(uids.begin(), uids.end());
    auto it = uids.begin();
    if (query.from) {
      it = std::find_if(uids.begin(), uids.end(), [&](uint32_t uid) {
        return query.reverse ? uid >= *query.from : uid <= *query.from;
      });
    }
    for (; it != uids.end() && page.results.size() < query.limit; ++it) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, *it));
      if (!task) return Status::Corruption("task store: an index names a missing task");
      page.results.push_back(std::move(*task));
    }
    if (it != uids.end()) page.next = *it;
    if (!page.results.empty()) page.from = page.results.front().uid;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return page;
}

namespace {

// The tasks of batch `uid`: they all come at or after task `uid` (a batch's
// uid is never above its tasks'), and each was enqueued before the batch
// started, so the walk stops at the first task enqueued after that.
Result<std::optional<TaskBatch>> ReadBatch(
    const storage::Txn& txn, const TaskStoreDbs& dbs, uint32_t uid,
    const std::function<bool(const std::optional<std::string>&)>& visible) {
  TaskBatch batch{uid, {}};
  std::optional<int64_t> started;
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, dbs.tasks));
  for (auto more = cursor.Seek(task_dbs::UidKey(uid));; more = cursor.Next()) {
    if (!more.ok()) return more.status();
    if (!*more) break;
    MYRIAD_ASSIGN_OR_RETURN(Task task, DecodeTaskRecord(cursor.value()));
    if (started && task.enqueued_at_ns > *started) break;
    if (task.batch_uid != uid) continue;
    if (visible && !visible(task.index_uid)) return std::optional<TaskBatch>();
    if (!started && task.started_at_ns) started = task.started_at_ns;
    batch.tasks.push_back(std::move(task));
  }
  if (batch.tasks.empty()) return std::optional<TaskBatch>();
  return std::optional<TaskBatch>(std::move(batch));
}

}  // namespace

Result<TaskBatch> TaskStore::GetBatch(
    uint32_t uid, const std::function<bool(const std::optional<std::string>&)>& visible) const {
  std::optional<TaskBatch> batch;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(batch, ReadBatch(txn, dbs_, uid, visible));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!batch) return Status::NotFound("Batch `" + std::to_string(uid) + "` not found.");
  return std::move(*batch);
}

Result<BatchPage> TaskStore::QueryBatches(const TaskQuery& query) const {
  BatchPage page;
  page.limit = query.limit;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(Uids uids, MatchingUidsIn(txn, dbs_, query));
    Uids batches;
    for (uint32_t uid : uids) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, uid));
      if (task && task->batch_uid) batches.push_back(*task->batch_uid);
    }
    SortUnique(batches);
    if (query.visible) {
      Uids seen;
      for (uint32_t uid : batches) {
        MYRIAD_ASSIGN_OR_RETURN(std::optional<TaskBatch> b,
                                ReadBatch(txn, dbs_, uid, query.visible));
        if (b) seen.push_back(uid);
      }
      batches = std::move(seen);
    }
    page.total = batches.size();
    if (!query.reverse) std::reverse(batches.begin(), batches.end());
    auto it = batches.begin();
    if (query.from) {
      it = std::find_if(batches.begin(), batches.end(), [&](uint32_t uid) {
        return query.reverse ? uid >= *query.from : uid <= *query.from;
      });
    }
    for (; it != batches.end() && page.results.size() < query.limit; ++it) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<TaskBatch> b, ReadBatch(txn, dbs_, *it, nullptr));
      if (!b) return Status::Corruption("task store: a task names a batch without tasks");
      page.results.push_back(std::move(*b));
    }
    if (it != batches.end()) page.next = *it;
    if (!page.results.empty()) page.from = page.results.front().uid;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return page;
}

Result<std::vector<Task>> TaskStore::Enqueued(uint64_t window) const {
  std::vector<Task> tasks;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    Uids uids;
    std::string prefix(1, static_cast<char>(TaskStatus::kEnqueued));
    MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs_.status, prefix, uids, window));
    if (uids.size() == window) {
      // Cancelations and deletions beyond the window still come first.
      Uids global;
      for (TaskKind kind : {TaskKind::kTaskCancelation, TaskKind::kTaskDeletion}) {
        MYRIAD_RETURN_IF_ERROR(
            AppendPrefixUids(txn, dbs_.kind, std::string(1, static_cast<char>(kind)), global));
      }
      for (uint32_t uid : global) {
        MYRIAD_ASSIGN_OR_RETURN(
            std::optional<std::string_view> enqueued,
            txn.Get(dbs_.status, task_dbs::StatusKey(TaskStatus::kEnqueued, uid)));
        if (enqueued && uid > uids.back()) uids.push_back(uid);
      }
      SortUnique(uids);
    }
    for (uint32_t uid : uids) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, uid));
      if (!task) return Status::Corruption("task store: an index names a missing task");
      tasks.push_back(std::move(*task));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return tasks;
}

Status TaskStore::RequeueProcessing() {
  return env_.Write([&](storage::WriteTxn& txn) -> Status {
    Uids uids;
    std::string prefix(1, static_cast<char>(TaskStatus::kProcessing));
    MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs_.status, prefix, uids));
    for (uint32_t uid : uids) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, uid));
      if (!task) return Status::Corruption("task store: an index names a missing task");
      task->status = TaskStatus::kEnqueued;
      task->batch_uid.reset();
      task->started_at_ns.reset();
      MYRIAD_RETURN_IF_ERROR(ReplaceTask(txn, dbs_, *task));
    }
    return Status::Ok();
  });
}

Result<uint64_t> TaskStore::Delete(const std::vector<uint32_t>& uids) {
  uint64_t deleted = 0;
  const Status st = env_.Write([&](storage::WriteTxn& txn) -> Status {
    deleted = 0;  // the body may be replayed after growing the map
    Uids unique = uids;
    SortUnique(unique);
    for (uint32_t uid : unique) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, uid));
      if (!task || !IsFinished(task->status)) continue;
      MYRIAD_RETURN_IF_ERROR(DeleteTask(txn, dbs_, *task));
      ++deleted;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return deleted;
}

Result<uint64_t> TaskStore::DeleteOldestFinished(uint64_t keep_at_most) {
  uint64_t deleted = 0;
  const Status st = env_.Write([&](storage::WriteTxn& txn) -> Status {
    deleted = 0;
    MYRIAD_ASSIGN_OR_RETURN(const uint64_t count, txn.EntryCount(dbs_.tasks));
    if (count <= keep_at_most) return Status::Ok();
    const uint64_t excess = count - keep_at_most;
    Uids finished;
    for (TaskStatus s : {TaskStatus::kSucceeded, TaskStatus::kFailed, TaskStatus::kCanceled}) {
      std::string prefix(1, static_cast<char>(s));
      MYRIAD_RETURN_IF_ERROR(AppendPrefixUids(txn, dbs_.status, prefix, finished));
    }
    std::sort(finished.begin(), finished.end());
    if (finished.size() > excess) finished.resize(excess);
    for (uint32_t uid : finished) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<Task> task, ReadTask(txn, dbs_, uid));
      if (!task) return Status::Corruption("task store: an index names a missing task");
      MYRIAD_RETURN_IF_ERROR(DeleteTask(txn, dbs_, *task));
      ++deleted;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return deleted;
}

Result<uint64_t> TaskStore::Count() const {
  uint64_t n = 0;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(n, txn.EntryCount(dbs_.tasks));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return n;
}

Result<uint64_t> TaskStore::PagesInUse() const {
  uint64_t pages = 2;  // the two meta pages
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    // LMDB's free-page list (dbi 0) and main database (dbi 1), then ours.
    for (MDB_dbi dbi : {MDB_dbi{0}, MDB_dbi{1}, dbs_.tasks.dbi, dbs_.status.dbi, dbs_.kind.dbi,
                        dbs_.index_tasks.dbi, dbs_.meta.dbi}) {
      MDB_stat stat;
      MYRIAD_RETURN_IF_ERROR(storage::FromLmdb(mdb_stat(txn.raw(), dbi, &stat), "mdb_stat"));
      pages += stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return pages;
}

bool TaskStore::NearlyFull() const {
  auto pages = PagesInUse();
  auto usage = env_.Usage();
  // When the store cannot even be measured, let the write itself report why.
  if (!pages.ok() || !usage.ok()) return false;
  return *pages * usage->page_size * 100 > env_.max_map_bytes() * kNearlyFullPercent;
}

}  // namespace myriad::scheduler
