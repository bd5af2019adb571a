#include "backup/backup_tasks.h"

#include <filesystem>

#include "backup/dump_wire.h"
#include "backup/dump_writer.h"
#include "backup/snapshot.h"
#include "util/clock.h"

namespace myriad::backup {
namespace {

scheduler::TaskError InternalError(const std::string& code, const Status& cause) {
  return scheduler::TaskError{"An internal error has occurred. `" + cause.message() + "`.", code,
                              "internal", "https://docs.meilisearch.com/errors#" + code};
}

// What a run killed midway left in `dir` (a staging tree, an archive's .part):
// one backup runs at a time, so whatever is there is dead.
void RemoveLeftovers(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if ((name.starts_with(".") && name.ends_with(".staging")) || name.ends_with(".part")) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace

scheduler::TaskRunner MakeDumpRunner(BackupSources sources, std::string dump_dir) {
  return [sources = std::move(sources), dump_dir = std::move(dump_dir)](scheduler::Task& task) {
    RemoveLeftovers(dump_dir);
    const std::string uid = DumpUid(task.started_at_ns.value_or(WallClockNs()));
    if (Status st = WriteDump(sources, task, dump_dir, uid); !st.ok()) {
      task.details["dumpUid"] = nullptr;
      task.error = InternalError("dump_process_failed", st);
      return;
    }
    task.details["dumpUid"] = uid;
  };
}

scheduler::TaskRunner MakeSnapshotRunner(BackupSources sources, std::string snapshot_dir,
                                         std::string file_name) {
  return [sources = std::move(sources), snapshot_dir = std::move(snapshot_dir),
          file_name = std::move(file_name)](scheduler::Task& task) {
    RemoveLeftovers(snapshot_dir);
    if (Status st = WriteSnapshot(sources, task, snapshot_dir, file_name); !st.ok()) {
      task.error = InternalError("internal", st);
    }
  };
}

}  // namespace myriad::backup
