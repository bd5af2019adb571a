// The routes that change data (each one registers a task and answers 202 with
// the summarized task), the document reads, and the task routes.
//
// Thread safety: call before the server starts. The handlers are thread-safe.
// Ownership: the handlers borrow the mapper, the scheduler and the task store,
// which must outlive the Router's use.
#pragma once

#include "http/router.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/scheduler.h"
#include "scheduler/task_store.h"

namespace myriad::http {

// POST /indexes, PATCH /indexes/{uid}, DELETE /indexes/{uid}, POST /swap-indexes.
void AddIndexWriteRoutes(Router& router, scheduler::Scheduler& scheduler);

// POST /dumps and POST /snapshots (the tasks dumpCreation and snapshotCreation,
// run by the scheduler's runners).
void AddBackupRoutes(Router& router, scheduler::Scheduler& scheduler);

// POST/PUT/GET/DELETE /indexes/{uid}/documents, GET/DELETE
// /indexes/{uid}/documents/{id}, POST /indexes/{uid}/documents/delete-batch.
void AddDocumentRoutes(Router& router, index_mapper::IndexMapper& mapper,
                       scheduler::Scheduler& scheduler);

// GET /tasks, GET /tasks/{uid}, POST /tasks/cancel, DELETE /tasks, GET /batches
// and GET /batches/{uid}.
void AddTaskRoutes(Router& router, const scheduler::TaskStore& tasks,
                   scheduler::Scheduler& scheduler);

}  // namespace myriad::http
