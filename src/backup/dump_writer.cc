#include "backup/dump_writer.h"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "backup/dump_wire.h"
#include "backup/tar_gz.h"
#include "engine/documents/document_payload.h"
#include "engine/index.h"
#include "engine/schema/settings_json.h"
#include "util/clock.h"
#include "util/rfc3339.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;

// A file of the dump being written; every write is checked at Close.
class DumpFile {
 public:
  explicit DumpFile(const fs::path& path) : path_(path), out_(path, std::ios::binary) {}
  void Line(const boost::json::value& v) { out_ << boost::json::serialize(v) << '\n'; }
  void Text(std::string_view text) { out_ << text; }
  Status Close() {
    out_.close();
    return out_ ? Status::Ok() : Status::IoError("cannot write " + path_.string());
  }

 private:
  fs::path path_;
  std::ofstream out_;
};

Status WriteJsonFile(const fs::path& path, const boost::json::value& v) {
  DumpFile file(path);
  file.Text(boost::json::serialize(v));
  return file.Close();
}

Status DumpIndex(index_mapper::IndexMapper& mapper, const index_mapper::IndexMeta& meta,
                 const fs::path& dir) {
  MYRIAD_ASSIGN_OR_RETURN(index_mapper::IndexHandle handle, mapper.Acquire(meta.uid));
  MYRIAD_RETURN_IF_ERROR(handle.CreateDatabases(engine::Index::DatabaseNames()));
  MYRIAD_ASSIGN_OR_RETURN(engine::Index index,
                          engine::Index::Open([&](const std::string& name, bool create) {
                            return handle.OpenDatabase(name, create);
                          }));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  MYRIAD_RETURN_IF_ERROR(WriteJsonFile(dir / "metadata.json", IndexMetadataToDump(meta)));
  MYRIAD_ASSIGN_OR_RETURN(index_mapper::IndexReadTxn txn, handle.BeginRead());
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, index.LoadSettings(txn.txn()));
  MYRIAD_RETURN_IF_ERROR(WriteJsonFile(dir / "settings.json", settings::ToJson(settings)));
  DumpFile documents(dir / "documents.jsonl");
  MYRIAD_RETURN_IF_ERROR(index.store().ForEach(
      txn.txn(), [&](uint32_t, const boost::json::object& document) -> Status {
        documents.Line(document);
        return Status::Ok();
      }));
  return documents.Close();
}

// The documents of an enqueued addition, as the ndjson update file Meilisearch
// dumps beside the task.
Status DumpUpdateFile(const scheduler::UpdateFiles& files, const scheduler::Task& task,
                      const fs::path& path) {
  MYRIAD_ASSIGN_OR_RETURN(std::string payload, files.Read(*task.payload_uuid));
  engine::PayloadFormat format = engine::PayloadFormat::kJson;
  if (const boost::json::value* f = task.params.if_contains("format"); f && f->is_string()) {
    if (f->get_string() == "ndjson") format = engine::PayloadFormat::kNdjson;
    if (f->get_string() == "csv") format = engine::PayloadFormat::kCsv;
  }
  char delimiter = ',';
  if (const boost::json::value* d = task.params.if_contains("csvDelimiter");
      d && d->is_string() && d->get_string().size() == 1) {
    delimiter = d->get_string()[0];
  }
  auto documents = engine::ParseDocuments(payload, format, delimiter);
  if (!documents.ok()) return Status::Ok();  // the task will fail on it: nothing to carry
  DumpFile file(path);
  for (const boost::json::object& document : *documents) file.Line(document);
  return file.Close();
}

Status WriteTree(const BackupSources& sources, const scheduler::Task& self, const fs::path& root) {
  std::error_code ec;
  for (const char* sub : {"indexes", "tasks/update_files", "batches"}) {
    fs::create_directories(root / sub, ec);
    if (ec) return Status::IoError("cannot create " + (root / sub).string() + ": " + ec.message());
  }
  MYRIAD_RETURN_IF_ERROR(WriteJsonFile(
      root / "metadata.json", boost::json::object{{"dumpVersion", kDumpVersion},
                                                  {"dbVersion", sources.db_version},
                                                  {"dumpDate", FormatRfc3339(WallClockNs())}}));
  MYRIAD_RETURN_IF_ERROR(WriteJsonFile(root / "experimental-features.json", boost::json::object{}));

  DumpFile keys(root / "keys.jsonl");
  for (const auth::ApiKey& key : sources.keys.ListKeys()) keys.Line(KeyToDump(key));
  MYRIAD_RETURN_IF_ERROR(keys.Close());

  DumpFile queue(root / "tasks/queue.jsonl");
  MYRIAD_RETURN_IF_ERROR(sources.tasks.ForEach([&](const scheduler::Task& stored) -> Status {
    scheduler::Task task = stored;
    if (task.uid == self.uid) {
      task.status = scheduler::TaskStatus::kSucceeded;
      task.finished_at_ns = WallClockNs();
    }
    queue.Line(TaskToDump(task));
    if (task.status == scheduler::TaskStatus::kEnqueued && task.payload_uuid) {
      return DumpUpdateFile(sources.files, task,
                            root / "tasks/update_files" / (std::to_string(task.uid) + ".jsonl"));
    }
    return Status::Ok();
  }));
  MYRIAD_RETURN_IF_ERROR(queue.Close());
  DumpFile batches(root / "batches/queue.jsonl");
  MYRIAD_RETURN_IF_ERROR(batches.Close());

  // The catalogue first (one short read), then one index at a time.
  std::vector<index_mapper::IndexMeta> indexes;
  MYRIAD_RETURN_IF_ERROR(sources.mapper.ForEachIndex(
      [&](const index_mapper::IndexMetaView& view) { indexes.push_back(view.ToMeta()); }));
  for (const index_mapper::IndexMeta& meta : indexes) {
    MYRIAD_RETURN_IF_ERROR(DumpIndex(sources.mapper, meta, root / "indexes" / meta.uid));
  }
  return Status::Ok();
}

}  // namespace

Status WriteDump(const BackupSources& sources, const scheduler::Task& self,
                 const std::string& dump_dir, const std::string& dump_uid) {
  std::error_code ec;
  fs::create_directories(dump_dir, ec);
  if (ec)
    return Status::IoError("cannot create the dump directory " + dump_dir + ": " + ec.message());
  const fs::path staging = fs::path(dump_dir) / ("." + dump_uid + ".staging");
  fs::remove_all(staging, ec);
  Status st = WriteTree(sources, self, staging);
  if (st.ok())
    st = WriteTarGz(staging.string(), (fs::path(dump_dir) / (dump_uid + ".dump")).string());
  fs::remove_all(staging, ec);
  return st;
}

}  // namespace myriad::backup
