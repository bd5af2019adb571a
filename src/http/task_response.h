// Registering a task and answering 202 with it summarized.
#pragma once

#include <optional>
#include <string_view>

#include "http/request.h"
#include "scheduler/scheduler.h"

namespace myriad::http {

// Registers `task` (with its payload) and returns 202 with the summarized task;
// 503 too_many_tasks when the task store is nearly full.
Response EnqueueTask(scheduler::Scheduler& scheduler, scheduler::Task task,
                     std::optional<std::string_view> payload = std::nullopt);

}  // namespace myriad::http
