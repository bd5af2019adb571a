#include "backup/snapshot.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/key_store.h"
#include "backup/staged_build.h"
#include "backup/tar_gz.h"
#include "util/clock.h"
#include "util/rfc3339.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = "myriad-snapshot.json";
constexpr int kSnapshotVersion = 1;

Status CreateDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  return ec ? Status::IoError("cannot create " + dir.string() + ": " + ec.message()) : Status::Ok();
}

// The copied task store records `self` as succeeded: restored, the database
// must not take the snapshot again.
Status RecordSelfSucceeded(const fs::path& tasks_dir, const scheduler::Task& self) {
  MYRIAD_ASSIGN_OR_RETURN(auto tasks, scheduler::TaskStore::Open(tasks_dir.string()));
  MYRIAD_ASSIGN_OR_RETURN(scheduler::Task task, tasks->Get(self.uid));
  task.status = scheduler::TaskStatus::kSucceeded;
  task.finished_at_ns = WallClockNs();
  return tasks->Update(task);
}

Status WriteTree(const BackupSources& sources, const scheduler::Task& self, const fs::path& root) {
  MYRIAD_RETURN_IF_ERROR(CreateDir(root / "indexes"));
  MYRIAD_RETURN_IF_ERROR(CreateDir(root / "update_files"));
  {
    std::ofstream marker(root / kMarker, std::ios::binary);
    marker << boost::json::serialize(
        boost::json::object{{"snapshotVersion", kSnapshotVersion},
                            {"dbVersion", sources.db_version},
                            {"createdAt", FormatRfc3339(WallClockNs())}});
    if (!marker) return Status::IoError("cannot write " + (root / kMarker).string());
  }
  // The catalogue and the envs it names: no catalogue change runs meanwhile
  // (those are tasks too), so the two agree.
  MYRIAD_RETURN_IF_ERROR(sources.mapper.CopyCatalogue((root / "registry").string()));
  std::vector<index_mapper::IndexMeta> indexes;
  MYRIAD_RETURN_IF_ERROR(sources.mapper.ForEachIndex(
      [&](const index_mapper::IndexMetaView& view) { indexes.push_back(view.ToMeta()); }));
  for (const index_mapper::IndexMeta& meta : indexes) {
    // One index pinned at a time: the mapper evicts as usual.
    MYRIAD_ASSIGN_OR_RETURN(index_mapper::IndexHandle handle, sources.mapper.Acquire(meta.uid));
    MYRIAD_RETURN_IF_ERROR(handle.CopyCompacted((root / "indexes" / meta.uuid).string()));
  }
  // The queue, then the payloads: a payload is written before its task is
  // enqueued, and none is removed meanwhile (only batches remove them), so
  // every enqueued task of the copy finds its payload.
  MYRIAD_RETURN_IF_ERROR(sources.tasks.CopyCompacted((root / "tasks").string()));
  MYRIAD_RETURN_IF_ERROR(RecordSelfSucceeded(root / "tasks", self));
  MYRIAD_ASSIGN_OR_RETURN(std::vector<std::string> payloads, sources.files.List());
  for (const std::string& uuid : payloads) {
    std::error_code ec;
    fs::copy_file(fs::path(sources.files.dir()) / uuid, root / "update_files" / uuid, ec);
    if (ec) return Status::IoError("cannot copy the update file " + uuid + ": " + ec.message());
  }
  return sources.keys.CopyKeys((root / "auth").string());
}

Status NotASnapshot(const std::string& archive, const std::string& what) {
  return Status::InvalidArgument(archive + " is not a Myriad snapshot: " + what);
}

// Opens every store of the extracted database once, so a damaged one stops
// the import rather than the server's next start.
Status CheckTree(const std::string& archive, const fs::path& root,
                 index_mapper::IndexMapperOptions mapper_options) {
  std::ifstream in(root / kMarker, std::ios::binary);
  if (!in) return NotASnapshot(archive, std::string("no ") + kMarker);
  std::stringstream text;
  text << in.rdbuf();
  in.close();
  boost::system::error_code ec;
  boost::json::value marker = boost::json::parse(text.str(), ec);
  const boost::json::value* version =
      !ec && marker.is_object() ? marker.get_object().if_contains("snapshotVersion") : nullptr;
  if (version == nullptr || !version->is_int64()) {
    return NotASnapshot(archive, std::string(kMarker) + " has no snapshotVersion");
  }
  if (version->get_int64() != kSnapshotVersion) {
    return Status::InvalidArgument(
        archive + " is a snapshot of version " + std::to_string(version->get_int64()) +
        "; this build of Myriad restores version " + std::to_string(kSnapshotVersion));
  }
  for (const char* store : {"registry", "tasks", "auth"}) {
    if (!fs::is_regular_file(root / store / "data.mdb")) {
      return NotASnapshot(archive, std::string("no ") + store + "/data.mdb");
    }
  }
  mapper_options.root = root.string();
  {
    MYRIAD_ASSIGN_OR_RETURN(auto mapper, index_mapper::IndexMapper::Open(mapper_options));
    Status missing = Status::Ok();
    MYRIAD_RETURN_IF_ERROR(mapper->ForEachIndex([&](const index_mapper::IndexMetaView& view) {
      if (missing.ok() && !fs::is_regular_file(root / "indexes" / view.uuid / "data.mdb")) {
        missing =
            NotASnapshot(archive, "the data of index `" + std::string(view.uid) + "` is missing");
      }
    }));
    MYRIAD_RETURN_IF_ERROR(missing);
  }
  MYRIAD_RETURN_IF_ERROR(scheduler::TaskStore::Open((root / "tasks").string()).status());
  MYRIAD_RETURN_IF_ERROR(auth::KeyStore::Open((root / "auth").string()).status());
  fs::remove(root / kMarker);
  return Status::Ok();
}

}  // namespace

std::string SnapshotFileName(const std::string& db_path) {
  std::string name = fs::path(db_path).lexically_normal().filename().string();
  if (name.empty() || name == "." || name == "..") {
    name = fs::path(db_path).lexically_normal().parent_path().filename().string();
  }
  return (name.empty() ? std::string("data.ms") : name) + ".snapshot";
}

Status WriteSnapshot(const BackupSources& sources, const scheduler::Task& self,
                     const std::string& snapshot_dir, const std::string& file_name) {
  MYRIAD_RETURN_IF_ERROR(CreateDir(snapshot_dir));
  const fs::path staging = fs::path(snapshot_dir) / ("." + file_name + ".staging");
  std::error_code ec;
  fs::remove_all(staging, ec);
  Status st = WriteTree(sources, self, staging);
  // The fastest gzip level: a snapshot is mostly LMDB pages, which compress
  // well at any level, and it is taken while writes wait (measured on the
  // whole corpus: level 6 made it 1.6x `tar czf`, whose gzip runs in a
  // process of its own beside tar's reads).
  if (st.ok()) {
    st = WriteTarGz(staging.string(), (fs::path(snapshot_dir) / file_name).string(),
                    /*gzip_level=*/1);
  }
  fs::remove_all(staging, ec);
  return st;
}

Status ImportSnapshot(const std::string& archive, const std::string& db_path,
                      const index_mapper::IndexMapperOptions& mapper) {
  return BuildBeside(db_path, [&](const std::string& building) -> Status {
    MYRIAD_RETURN_IF_ERROR(ExtractTarGz(archive, building));
    return CheckTree(archive, building, mapper);
  });
}

}  // namespace myriad::backup
