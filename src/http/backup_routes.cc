#include "http/task_response.h"
#include "http/write_routes.h"

namespace myriad::http {

void AddBackupRoutes(Router& router, scheduler::Scheduler& scheduler) {
  router.Add("POST", "/dumps", [&scheduler](const Request&, const PathParams&) {
    scheduler::Task task;
    task.kind = scheduler::TaskKind::kDumpCreation;
    task.details["dumpUid"] = nullptr;
    return EnqueueTask(scheduler, std::move(task));
  });
  router.Add("POST", "/snapshots", [&scheduler](const Request&, const PathParams&) {
    scheduler::Task task;
    task.kind = scheduler::TaskKind::kSnapshotCreation;
    return EnqueueTask(scheduler, std::move(task));
  });
}

}  // namespace myriad::http
