#include "http/task_response.h"

#include "http/error_table.h"
#include "http/json_body.h"

namespace myriad::http {

Response EnqueueTask(scheduler::Scheduler& scheduler, scheduler::Task task,
                     std::optional<std::string_view> payload) {
  Result<scheduler::Task> stored = scheduler.Register(std::move(task), payload);
  if (!stored.ok()) {
    if (stored.status().code() == StatusCode::kResourceExhausted) {
      return ErrorResponse("too_many_tasks", stored.status().message());
    }
    return StatusResponse(stored.status(), "internal");
  }
  return Accepted(scheduler::SummarizedTaskJson(*stored));
}

}  // namespace myriad::http
