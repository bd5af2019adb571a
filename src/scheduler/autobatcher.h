// The autobatcher: which enqueued tasks the scheduler runs next, together.
//
// Order: the oldest task cancelation, alone; else every task deletion; else the
// oldest enqueued task's index, with that index's following tasks that can join
// it, in uid order, stopping at the first that cannot:
//   - document additions/updates and deletions by id (params "ids") together,
//     unless two of them name different primary keys (params "primaryKey");
//   - settings updates together;
//   - anything else (index creation, update, deletion, swap, deletion of
//     documents by filter or of all documents) alone.
// On an index that does not exist yet, the first task runs alone: it may create
// the index, and the rerun of a batch cut by a crash after that commit would see
// the index its first run made (a deletion before the creator would succeed).
// Tasks of other indexes between them do not break a batch: each index's tasks
// keep their own order, and a batch touches one index. A rename of another
// index onto this one (an index update with "newUid") counts as this index's
// task, alone: it stops the batch.
//
// Thread safety: a pure function of its arguments and of `index_exists`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/task.h"
#include "util/byte_size.h"

namespace myriad::scheduler {

struct BatchLimits {
  uint64_t max_tasks = 1000;
  // The sum of the tasks' payload_bytes; the first task is taken whatever its size.
  uint64_t max_payload_bytes = 100 * kMiB;
};

struct Batch {
  std::vector<uint32_t> task_uids;           // ascending
  TaskKind kind = TaskKind::kIndexCreation;  // of the first task
  std::optional<std::string> index_uid;      // nullopt for global batches

  bool empty() const { return task_uids.empty(); }
};

// REQUIRES: `enqueued_in_uid_order` holds enqueued tasks in ascending uid order;
// limits.max_tasks > 0. Returns an empty batch when there is nothing to do.
Batch NextBatch(const std::vector<Task>& enqueued_in_uid_order,
                const std::function<bool(const std::string& uid)>& index_exists,
                const BatchLimits& limits = {});

}  // namespace myriad::scheduler
