// GET /batches: a batch as Meilisearch shows it, made from its tasks. Myriad
// keeps no record of a batch beside its tasks: a task's batchUid is the uid
// of the first task of its batch, and the batch's figures are its tasks'.
//
// Thread safety: value types and pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "scheduler/task.h"

namespace myriad::scheduler {

struct TaskBatch {
  uint32_t uid = 0;
  std::vector<Task> tasks;  // in uid order; never empty
};

// {uid, progress, details, stats {totalNbTasks, status, types, indexUids,
// progressTrace (empty)},
// duration, startedAt, finishedAt, batchStrategy}. The details are the
// tasks' summed (numbers) or last (anything else); progress is null.
boost::json::object BatchToJson(const TaskBatch& batch);

struct BatchPage {
  std::vector<TaskBatch> results;
  uint64_t total = 0;  // every batch with a task matching the filters
  uint32_t limit = 20;
  std::optional<uint32_t> from;  // the uid of the first result
  std::optional<uint32_t> next;  // the uid of the first matching batch not returned
};

// {results, total, limit, from, next}, each result as BatchToJson.
boost::json::object BatchPageToJson(const BatchPage& page);

}  // namespace myriad::scheduler
