// TaskStore: the durable queue of tasks, in an LMDB env of its own (`<db>/tasks`),
// with secondary indexes by status, kind and index uid (see task_dbs.h).
//
// Thread safety: every method may be called concurrently; writes are serialized
// internally. The store grows its own map when a write meets MDB_MAP_FULL
// (quiescing its readers through a gate), up to the cap given at Open.
// Ownership: owns its Env.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "index_mapper/index_meta.h"
#include "scheduler/batch_view.h"
#include "scheduler/task.h"
#include "scheduler/task_query.h"
#include "storage/env.h"
#include "storage/growing_env.h"
#include "storage/txn.h"
#include "util/byte_size.h"
#include "util/mutex.h"
#include "util/result.h"

namespace myriad::scheduler {

struct TaskStoreDbs {
  storage::Database tasks;
  storage::Database status;
  storage::Database kind;
  storage::Database index_tasks;
  storage::Database meta;
};

class TaskStore {
 public:
  // Share of the map cap above which NearlyFull() is true.
  static constexpr uint64_t kNearlyFullPercent = 90;

  // Opens (creating) the env in `dir`. The map starts at `map_bytes_hint` when
  // set, else at twice the data plus 64 MiB, never above `max_map_bytes`.
  // `no_sync` (MDB_NOSYNC) is for tests: commits then are not durable.
  static Result<std::unique_ptr<TaskStore>> Open(const std::string& dir,
                                                 uint64_t map_bytes_hint = 0, bool no_sync = false,
                                                 uint64_t max_map_bytes = 16 * kGiB);

  // Records `task` with the next uid and the current time as enqueued time,
  // status enqueued; the returned copy carries them. It is committed (and
  // fsynced unless no_sync) before this returns. kResourceExhausted when
  // NearlyFull() and the task is neither a taskCancelation nor a taskDeletion.
  // `task.uid`, `enqueued_at_ns` and `status` are ignored.
  Result<Task> Enqueue(Task task);

  // Records `tasks` as they are (uids, statuses, times), in one transaction:
  // a dump's task history. Tasks left processing become enqueued. The next
  // enqueued task gets a uid above all of them. kAlreadyExists when a uid is
  // taken.
  Status Import(const std::vector<Task>& tasks);

  // kNotFound when there is no such task.
  Result<Task> Get(uint32_t uid) const;

  // Replaces the record of task.uid (status, batch, timestamps, details, error...)
  // and its index entries. kNotFound when there is no such task.
  Status Update(const Task& task);
  // As Update for several tasks, in one transaction: all or none. The same
  // transaction moves, for each of `swapped` in order, the tasks below
  // `swapped_before` of one index uid to the other, as Meilisearch does: an
  // index's history follows its data through a swap.
  Status UpdateAll(const std::vector<Task>& tasks,
                   const std::vector<index_mapper::IndexSwap>& swapped = {},
                   uint32_t swapped_before = 0);

  // GET /tasks: filters, total, and one page (see TaskQuery).
  Result<TaskPage> Query(const TaskQuery& query) const;
  // The uids of every task matching the filters of `query`, ascending; paging
  // is ignored. For task cancelation and deletion.
  Result<std::vector<uint32_t>> MatchingUids(const TaskQuery& query) const;

  // The oldest `window` enqueued tasks, and every enqueued task cancelation and
  // deletion after them, in uid order: what the autobatcher chooses from. The
  // window keeps a batch's cost bounded however long the queue (reading every
  // enqueued task made draining a queue quadratic).
  Result<std::vector<Task>> Enqueued(uint64_t window = UINT64_MAX) const;

  // At start-up: tasks recorded as processing become enqueued again, with no
  // batch and no start time (their batch never committed its outcome).
  Status RequeueProcessing();

  // Deletes the finished tasks among `uids`; others (unknown, enqueued,
  // processing) are skipped. Returns how many were deleted.
  Result<uint64_t> Delete(const std::vector<uint32_t>& uids);

  // When there are more than `keep_at_most` tasks, deletes the oldest finished
  // ones until there are `keep_at_most` or no finished task is left. Returns
  // how many were deleted.
  Result<uint64_t> DeleteOldestFinished(uint64_t keep_at_most);

  // GET /batches/{uid}: the tasks of batch `uid` (batch_view.h), or kNotFound.
  // When `visible` is set, a batch with a task it refuses is not found.
  Result<TaskBatch> GetBatch(
      uint32_t uid,
      const std::function<bool(const std::optional<std::string>&)>& visible = nullptr) const;
  // GET /batches: the batches holding a task that matches the filters of
  // `query`, paged as Query pages tasks, by batch uid (a batch `visible`
  // refuses a task of counts as absent). Reads every matching task.
  Result<BatchPage> QueryBatches(const TaskQuery& query) const;

  // Calls `fn` on every task in uid order, in one read transaction (a
  // consistent view); stops at, and returns, the first error `fn` returns.
  Status ForEach(const std::function<Status(const Task&)>& fn) const;
  // A compacted copy of the store into `dir` (storage::Env::CopyCompacted).
  Status CopyCompacted(const std::string& dir) const { return env_.CopyCompacted(dir); }

  // The number of tasks stored.
  Result<uint64_t> Count() const;

  // True when the pages in use exceed kNearlyFullPercent of the map cap. Pages
  // freed by deleting tasks count as free, so deleting tasks clears it.
  bool NearlyFull() const;

  uint64_t map_size() const {
    auto usage = env_.Usage();
    return usage.ok() ? usage->map_size : 0;
  }

 private:
  TaskStore(std::unique_ptr<storage::Env> env, TaskStoreDbs dbs, uint64_t max_map_bytes)
      : env_(std::move(env), "the task store", max_map_bytes), dbs_(dbs) {}

  Result<uint64_t> PagesInUse() const;

  // Grows its map on MAP_FULL, doubling up to the cap, and replays the write.
  mutable storage::GrowingEnv env_;
  const TaskStoreDbs dbs_;
};

}  // namespace myriad::scheduler
