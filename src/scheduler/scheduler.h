// Scheduler: the one thread that runs tasks, batch after batch, in uid order.
//
// A task is registered durably (its payload in an update file first, then its
// record) before Register returns, so an acknowledged write survives a kill. The
// loop picks the next batch (autobatcher.h), records it as processing, applies
// each task to its index in a write transaction of its own, commits the index,
// then records the outcomes. A crash between the two commits runs the batch again
// at restart; document operations are idempotent.
//
// Before a document task writes, the scheduler asks the index mapper for room
// (EnsureRoom, with RoomEstimator's estimate learned per index); if LMDB still reports
// MDB_MAP_FULL, the txn is aborted, the map doubled and the task replayed, and
// the replay is counted (replays()): the goal is that it never happens.
//
// What each task kind reads from Task::params (set by the HTTP layer):
//   indexCreation             primaryKey?: string
//   indexUpdate               primaryKey?: string, newUid?: string
//   indexDeletion             -
//   documentAdditionOrUpdate  format: "json"|"ndjson"|"csv", csvDelimiter?: 1-char
//                             string, primaryKey?: string, replace: bool,
//                             skipCreation?: bool (only stored ids are written);
//                             payload_uuid names the update file
//   documentDeletion          ids: [string] | all: true | filter: string or array
//   settingsUpdate            settings: the submitted settings object (as in the
//                             task's details; settings::ParseSettingsPatch reads it)
//   indexSwap                 - (the swaps are its details: index_swap.h)
//   taskCancelation           uids: [uint32], the tasks matched when registered;
//                             those still enqueued are canceled
//   taskDeletion              uids: [uint32]; those finished are deleted
//   dumpCreation              - (run by TaskRunners::dump_creation)
//   snapshotCreation          - (run by TaskRunners::snapshot_creation)
// Other kinds fail with a clear error for now. Once more than 1,000,000 tasks
// are stored, the oldest finished ones are deleted after each batch.
//
// Thread safety: Register and the accessors may be called from any thread.
// Ownership: borrows the task store, the update files and the index mapper, which
// must outlive it; owns its thread, joined by the destructor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>

#include "engine/index.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/autobatcher.h"
#include "scheduler/room_estimator.h"
#include "scheduler/task.h"
#include "scheduler/task_store.h"
#include "scheduler/update_files.h"
#include "util/mutex.h"

namespace myriad::scheduler {

// Failure points a test can trigger (DESIGN.md, "Conventions"). Set from any
// thread; each `next` fault fires once.
struct SchedulerFaults {
  // Document tasks skip EnsureRoom, so their writes meet MDB_MAP_FULL and replay.
  std::atomic<bool> skip_room{false};
  // The next index commit fails, as an I/O error would; the txn is aborted.
  std::atomic<bool> fail_next_commit{false};
  // The loop stops right after the next index commit (or registry commit of an
  // index creation, deletion, rename or swap), before the outcomes are recorded, as a
  // kill at that moment would leave things.
  std::atomic<bool> halt_after_next_commit{false};
};

// Runs a task kind the scheduler leaves to a layer above it, filling the
// task's details or error: dumpCreation and snapshotCreation (backup/). Called on the scheduler's
// thread as a batch of its own, so no index write runs meanwhile.
using TaskRunner = std::function<void(Task& task)>;
struct TaskRunners {
  TaskRunner dump_creation;      // unset: the task fails with a clear error
  TaskRunner snapshot_creation;  // likewise
};

class Scheduler {
 public:
  // Puts tasks left processing by a crash back in the queue, then starts the loop.
  static Result<std::unique_ptr<Scheduler>> Start(TaskStore& tasks, UpdateFiles& files,
                                                  index_mapper::IndexMapper& mapper,
                                                  BatchLimits limits = {},
                                                  TaskRunners runners = {});
  // Finishes the batch in progress, then stops.
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Writes `payload` (if any) to an update file, then enqueues `task` naming it.
  // Returns the task as stored (uid, enqueued time).
  Result<Task> Register(Task task, std::optional<std::string_view> payload = std::nullopt);

  // The index of the batch being processed, if any (for `isIndexing`).
  std::optional<std::string> ProcessingIndex() const;
  // Times a write met MDB_MAP_FULL despite EnsureRoom and was replayed.
  uint64_t replays() const { return replays_.load(); }

  SchedulerFaults& faults() { return faults_; }
  // True once the loop stopped on halt_after_next_commit.
  bool halted() const { return halted_.load(); }

 private:
  Scheduler(TaskStore& tasks, UpdateFiles& files, index_mapper::IndexMapper& mapper,
            BatchLimits limits, TaskRunners runners)
      : tasks_(tasks),
        files_(files),
        mapper_(mapper),
        limits_(limits),
        runners_(std::move(runners)) {}
  void Run();
  // Runs one batch; returns false when the task store could not be read or written.
  bool RunBatch(const Batch& batch, std::vector<Task> tasks);
  // Records the outcomes of a batch whose index writes are committed, retrying
  // every second while the task store refuses (a full disk): until they are
  // recorded, running anything else would reorder the tasks, and leaving them
  // processing would strand them until a restart. False when stopping first.
  bool RecordOutcomes(const std::vector<Task>& tasks);
  // Applies one task, filling its details or error.
  void Apply(Task& task);
  // Records durably in `task` that its catalogue change (index creation,
  // deletion, rename) is being made, with `details` for a run after a restart.
  Status StartCatalogueChange(Task& task, boost::json::object details);
  // Honors halt_after_next_commit after a catalogue change; true when halted.
  bool HaltAfterCommit();
  void ApplyIndexCreation(Task& task);
  void ApplyIndexUpdate(Task& task);
  void ApplyIndexDeletion(Task& task);
  void ApplyIndexSwap(Task& task);
  void ApplyDocuments(Task& task);
  // Applies a batch of document additions and deletions by id to an existing
  // index in one write txn (one commit, the search structures written once).
  // A task whose payload or documents are refused fails alone; an environment
  // error fails them all and writes nothing. False, having done nothing, when
  // the batch must run task by task instead (the index is missing, or a task
  // is not of that kind).
  bool ApplyDocumentBatch(std::vector<Task>& tasks);
  void ApplySettings(Task& task);
  // The index's handle, creating the index first when `create` and it is missing;
  // or the task's error.
  std::variant<index_mapper::IndexHandle, TaskError> AcquireIndex(
      const std::string& uid, bool create, const std::optional<std::string>& primary_key);
  static Result<engine::Index> OpenIndex(const index_mapper::IndexHandle& handle);
  // Asks for `room` bytes (unless 0 or the skip_room fault), returns the used bytes.
  Result<uint64_t> Prepare(const index_mapper::IndexHandle& handle, uint64_t room);
  // Runs `write` in a write txn of the index and commits it; on MDB_MAP_FULL
  // grows the map and runs it again, counting the replay. Honors the faults.
  Status WriteIndex(const index_mapper::IndexHandle& handle,
                    const std::function<Status(storage::WriteTxn&)>& write);
  void ApplyTaskCancelation(Task& task);
  void ApplyTaskDeletion(Task& task);

  TaskStore& tasks_;
  UpdateFiles& files_;
  index_mapper::IndexMapper& mapper_;
  const BatchLimits limits_;
  const TaskRunners runners_;

  mutable Mutex mu_;
  std::condition_variable_any wake_;
  uint64_t registered_ GUARDED_BY(mu_) = 0;  // bumps wake the loop
  bool stopping_ GUARDED_BY(mu_) = false;
  std::optional<std::string> processing_index_ GUARDED_BY(mu_);
  std::atomic<uint64_t> replays_{0};
  RoomEstimator room_;  // used by the loop's thread only
  SchedulerFaults faults_;
  std::atomic<bool> halted_{false};
  std::thread thread_;
};

}  // namespace myriad::scheduler
