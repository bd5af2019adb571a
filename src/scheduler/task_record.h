// The task store's value for one task: the JSON text of every field of Task,
// with internal names (params and payload included), so that a record written
// by one version is readable by the next.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "scheduler/task.h"
#include "util/result.h"

namespace myriad::scheduler {

std::string EncodeTaskRecord(const Task& task);
// kCorruption when `bytes` is not a record EncodeTaskRecord wrote.
Result<Task> DecodeTaskRecord(std::string_view bytes);

}  // namespace myriad::scheduler
