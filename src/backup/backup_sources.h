// What a dump or a snapshot reads: the server's stores, borrowed.
//
// Thread safety: plain references; what they name is thread-safe itself.
#pragma once

#include <string>

#include "auth/authorizer.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/task_store.h"
#include "scheduler/update_files.h"

namespace myriad::backup {

// Borrowed: each must outlive whoever holds the sources (the scheduler's
// runners hold a copy).
struct BackupSources {
  index_mapper::IndexMapper& mapper;
  const scheduler::TaskStore& tasks;
  const scheduler::UpdateFiles& files;
  const auth::Authorizer& keys;
  std::string db_version;  // `dbVersion` in a dump's metadata.json, and a snapshot's
};

}  // namespace myriad::backup
