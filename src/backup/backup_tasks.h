// The dumpCreation and snapshotCreation tasks (POST /dumps, POST /snapshots):
// the scheduler's runners for them.
//
// Thread safety: the runners run on the scheduler's thread only.
#pragma once

#include <string>

#include "backup/backup_sources.h"
#include "scheduler/scheduler.h"

namespace myriad::backup {

// Writes `<dump_dir>/<dumpUid>.dump` (WriteDump) and sets the task's details
// to {"dumpUid": ...}, or its error to `dump_process_failed` with the cause.
// `sources` is copied; what it borrows must outlive the scheduler.
scheduler::TaskRunner MakeDumpRunner(BackupSources sources, std::string dump_dir);

// Writes `<snapshot_dir>/<file_name>` (WriteSnapshot), or sets the task's
// error to `internal` with the cause. As MakeDumpRunner for `sources`.
scheduler::TaskRunner MakeSnapshotRunner(BackupSources sources, std::string snapshot_dir,
                                         std::string file_name);

}  // namespace myriad::backup
