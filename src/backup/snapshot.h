// Snapshots (POST /snapshots, `--import-snapshot`): a consistent copy of the
// whole database, in Myriad's own layout, as one tar.gz.
//
// The archive holds what the data directory holds, each LMDB env as a
// compacted copy (mdb_env_copy2 with MDB_CP_COMPACT): registry/,
// indexes/<uuid>/, tasks/, auth/, the update files of the queue, and
// myriad-snapshot.json, which marks it as a snapshot. Taken on the
// scheduler's thread between batches, so every index is copied as of the same
// point in the queue; searches, and task registrations, go on meanwhile.
// Restored, it answers every search as the database did.
//
// Thread safety: WriteSnapshot as WriteDump (dump_writer.h); ImportSnapshot
// runs before the server, one per db_path.
#pragma once

#include <string>

#include "backup/backup_sources.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/task.h"

namespace myriad::backup {

// The file a snapshot of the database at `db_path` is written to, as
// Meilisearch names it: the database directory's name + ".snapshot".
std::string SnapshotFileName(const std::string& db_path);

// Writes the snapshot to `<snapshot_dir>/<file_name>` (replacing the one
// there only once the new one is complete). The snapshotCreation task `self`
// is recorded in it as succeeded, so a restored database does not take the
// snapshot again. On an error the earlier snapshot stays as it was.
Status WriteSnapshot(const BackupSources& sources, const scheduler::Task& self,
                     const std::string& snapshot_dir, const std::string& file_name);

// Restores the snapshot at `archive` as a new database at `db_path`, built
// beside it and moved into place once its stores open (BuildBeside).
// kInvalidArgument, naming what is wrong, for a file that is not a Myriad
// snapshot or is truncated. REQUIRES: nothing exists at db_path.
Status ImportSnapshot(const std::string& archive, const std::string& db_path,
                      const index_mapper::IndexMapperOptions& mapper);

}  // namespace myriad::backup
