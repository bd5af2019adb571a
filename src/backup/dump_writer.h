// Writing a dump: the whole database in Meilisearch's dump format v6
// (dump_wire.h), as `<dump_dir>/<dump_uid>.dump`, a tar.gz that Meilisearch
// v1.x imports as well as Myriad.
//
// Indexes are written one at a time, each pinned only while it is read, so a
// server with 100,000 indexes dumps within its address budget (the mapper
// evicts as usual). Meant to run on the scheduler's thread between batches
// (the task dumpCreation): no index write runs meanwhile, so each index is
// dumped as of one commit; searches go on.
//
// Thread safety: WriteDump may run concurrently with searches and with task
// registration; not with another WriteDump into the same dump_dir.
#pragma once

#include <string>

#include "backup/backup_sources.h"
#include "scheduler/task.h"

namespace myriad::backup {

// Writes the dump named `dump_uid` into `dump_dir` (created if missing). The
// dumpCreation task `self` is dumped as succeeded, as Meilisearch dumps
// itself. The archive appears under its final name only once complete; on
// an error nothing is left in dump_dir but what was there before.
Status WriteDump(const BackupSources& sources, const scheduler::Task& self,
                 const std::string& dump_dir, const std::string& dump_uid);

}  // namespace myriad::backup
