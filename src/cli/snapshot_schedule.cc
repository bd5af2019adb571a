#include "cli/snapshot_schedule.h"

#include <spdlog/spdlog.h>

namespace myriad::cli {

SnapshotSchedule::SnapshotSchedule(scheduler::Scheduler& scheduler, std::chrono::seconds interval)
    : scheduler_(scheduler), thread_([this, interval] { Run(interval); }) {}

SnapshotSchedule::~SnapshotSchedule() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

void SnapshotSchedule::Run(std::chrono::seconds interval) {
  for (;;) {
    {
      MutexLock lock(mu_);
      const auto due = std::chrono::steady_clock::now() + interval;
      while (!stop_ && stop_cv_.wait_until(mu_, due) != std::cv_status::timeout) {
      }
      if (stop_) return;
    }
    scheduler::Task task;
    task.kind = scheduler::TaskKind::kSnapshotCreation;
    Result<scheduler::Task> stored = scheduler_.Register(std::move(task));
    if (stored.ok()) {
      spdlog::info("scheduled snapshot: task {} enqueued", stored->uid);
    } else {
      spdlog::error("scheduled snapshot: cannot enqueue the task: {}", stored.status().ToString());
    }
  }
}

}  // namespace myriad::cli
