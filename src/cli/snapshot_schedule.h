// --schedule-snapshot: enqueues a snapshotCreation task every interval, as
// Meilisearch's scheduled snapshots do (the first one interval after start).
//
// Thread safety: owns one thread; construct and destroy on one thread.
// Ownership: borrows the scheduler, which must outlive it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <thread>

#include "scheduler/scheduler.h"
#include "util/mutex.h"

namespace myriad::cli {

class SnapshotSchedule {
 public:
  SnapshotSchedule(scheduler::Scheduler& scheduler, std::chrono::seconds interval);
  // Stops the thread; a task already enqueued stays in the queue.
  ~SnapshotSchedule();
  SnapshotSchedule(const SnapshotSchedule&) = delete;
  SnapshotSchedule& operator=(const SnapshotSchedule&) = delete;

 private:
  void Run(std::chrono::seconds interval);

  scheduler::Scheduler& scheduler_;
  Mutex mu_;
  std::condition_variable_any stop_cv_;
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace myriad::cli
