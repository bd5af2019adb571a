#include "backup/dump_import.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "auth/action.h"
#include "auth/key_store.h"
#include "backup/dump_wire.h"
#include "backup/staged_build.h"
#include "backup/tar_gz.h"
#include "engine/schema/settings_json.h"
#include "scheduler/scheduler.h"
#include "scheduler/task_store.h"
#include "scheduler/update_files.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;
using scheduler::Task;
using scheduler::TaskKind;

// Documents sent to the scheduler per task: big enough to batch well, small
// enough to bound the import's memory.
constexpr size_t kPayloadBytes = 16 << 20;

Status Malformed(const fs::path& file, const std::string& what) {
  return Status::InvalidArgument("not a valid dump: " + file.filename().string() + ": " + what);
}

Result<boost::json::value> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Malformed(path, "missing");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text.str(), ec);
  if (ec) return Malformed(path, "not JSON (" + ec.message() + ")");
  return v;
}

// Calls fn on each non-empty line of a .jsonl file, parsed.
Status ForEachJsonLine(const fs::path& path, const std::function<Status(boost::json::value)>& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Malformed(path, "missing");
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    if (ec) return Malformed(path, "line " + std::to_string(n) + " is not JSON");
    MYRIAD_RETURN_IF_ERROR(fn(std::move(v)));
  }
  return Status::Ok();
}

// The settings keys this build knows; others (from a newer Meilisearch) are
// dropped with a word in the log rather than failing the import.
boost::json::object KnownSettings(const boost::json::object& settings, const std::string& uid,
                                  const ImportOptions& options) {
  const boost::json::object known = settings::ToJson(settings::IndexSettings{});
  boost::json::object out;
  for (const auto& [key, value] : settings) {
    if (known.contains(key)) {
      out[key] = value;
    } else {
      options.progress("index `" + uid + "`: setting `" + std::string(key) +
                       "` is not supported by Myriad and was not imported");
    }
  }
  return out;
}

// Runs the dump's indexes through a scheduler of the new database: creation,
// settings, then the documents in payloads of kPayloadBytes.
Status ImportIndexes(const fs::path& dump, const fs::path& db, const ImportOptions& options) {
  MYRIAD_ASSIGN_OR_RETURN(auto mapper, index_mapper::IndexMapper::Open([&] {
                            index_mapper::IndexMapperOptions o = options.mapper;
                            o.root = db.string();
                            o.no_sync = options.no_sync;
                            return o;
                          }()));
  MYRIAD_ASSIGN_OR_RETURN(auto tasks,
                          scheduler::TaskStore::Open((db / ".import-tasks").string(), 0, true));
  MYRIAD_ASSIGN_OR_RETURN(auto files,
                          scheduler::UpdateFiles::Open((db / ".import-update-files").string()));
  MYRIAD_ASSIGN_OR_RETURN(auto runner, scheduler::Scheduler::Start(*tasks, *files, *mapper));

  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dump / "indexes", ec)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  if (ec) return Malformed(dump / "indexes", "missing");
  std::sort(dirs.begin(), dirs.end());

  // Each index's last task: the import waits for it before the next index, so
  // an error names its index and memory stays one payload deep.
  const auto wait = [&](uint32_t uid, const std::string& index) -> Status {
    for (;;) {
      MYRIAD_ASSIGN_OR_RETURN(Task t, tasks->Get(uid));
      if (scheduler::IsFinished(t.status)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    scheduler::TaskQuery failed;
    failed.statuses = {scheduler::TaskStatus::kFailed};
    MYRIAD_ASSIGN_OR_RETURN(scheduler::TaskPage page, tasks->Query(failed));
    if (!page.results.empty()) {
      const Task& t = page.results.front();
      return Status::InvalidArgument("index `" + index + "` of the dump could not be imported (" +
                                     std::string(scheduler::TaskKindName(t.kind)) +
                                     "): " + (t.error ? t.error->message : "failed"));
    }
    return Status::Ok();
  };

  for (const fs::path& dir : dirs) {
    MYRIAD_ASSIGN_OR_RETURN(boost::json::value meta, ReadJson(dir / "metadata.json"));
    const boost::json::value* uid =
        meta.is_object() ? meta.get_object().if_contains("uid") : nullptr;
    if (uid == nullptr || !uid->is_string()) return Malformed(dir / "metadata.json", "no `uid`");
    const std::string index(uid->get_string());
    if (!index_mapper::IsValidIndexUid(index)) {
      return Malformed(dir / "metadata.json", "`" + index + "` is not a valid index uid");
    }
    const boost::json::value* pk = meta.get_object().if_contains("primaryKey");
    Task create;
    create.kind = TaskKind::kIndexCreation;
    create.index_uid = index;
    if (pk && pk->is_string()) create.params["primaryKey"] = *pk;
    MYRIAD_ASSIGN_OR_RETURN(Task last, runner->Register(create));

    MYRIAD_ASSIGN_OR_RETURN(boost::json::value settings, ReadJson(dir / "settings.json"));
    if (!settings.is_object()) return Malformed(dir / "settings.json", "not an object");
    Task set;
    set.kind = TaskKind::kSettingsUpdate;
    set.index_uid = index;
    set.params["settings"] = KnownSettings(settings.get_object(), index, options);
    MYRIAD_ASSIGN_OR_RETURN(last, runner->Register(set));

    uint64_t documents = 0;
    std::string payload;
    const auto send = [&]() -> Status {
      if (payload.empty()) return Status::Ok();
      Task add;
      add.kind = TaskKind::kDocumentAdditionOrUpdate;
      add.index_uid = index;
      add.params = {{"format", "ndjson"}, {"replace", true}};
      if (pk && pk->is_string()) add.params["primaryKey"] = *pk;
      MYRIAD_ASSIGN_OR_RETURN(last, runner->Register(add, payload));
      payload.clear();
      return Status::Ok();
    };
    std::ifstream in(dir / "documents.jsonl", std::ios::binary);
    if (!in) return Malformed(dir / "documents.jsonl", "missing");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      payload += line;
      payload += '\n';
      ++documents;
      if (payload.size() >= kPayloadBytes) {
        MYRIAD_RETURN_IF_ERROR(send());
        MYRIAD_RETURN_IF_ERROR(wait(last.uid, index));
        options.progress("index `" + index + "`: " + std::to_string(documents) + " documents");
      }
    }
    MYRIAD_RETURN_IF_ERROR(send());
    MYRIAD_RETURN_IF_ERROR(wait(last.uid, index));
    options.progress("index `" + index + "` imported: " + std::to_string(documents) + " documents");
  }
  runner.reset();
  files.reset();
  tasks.reset();
  fs::remove_all(db / ".import-tasks", ec);
  fs::remove_all(db / ".import-update-files", ec);
  return Status::Ok();
}

Status ImportKeys(const fs::path& dump, const fs::path& db, const ImportOptions& options) {
  if (!fs::exists(dump / "keys.jsonl")) return Status::Ok();
  MYRIAD_ASSIGN_OR_RETURN(auto keys, auth::KeyStore::Open((db / "auth").string(), options.no_sync));
  uint64_t count = 0;
  MYRIAD_RETURN_IF_ERROR(
      ForEachJsonLine(dump / "keys.jsonl", [&](boost::json::value line) -> Status {
        auto key = KeyFromDump(line);
        if (!key.ok()) return Malformed(dump / "keys.jsonl", key.status().message());
        std::vector<std::string> actions;
        for (std::string& action : key->actions) {
          if (auth::ExpandActionName(action)) {
            actions.push_back(std::move(action));
          } else {
            options.progress("key " + key->uid + ": action `" + action +
                             "` is not supported by Myriad and was dropped");
          }
        }
        key->actions = std::move(actions);
        ++count;
        return keys->Create(*key);
      }));
  options.progress(std::to_string(count) + " API keys imported");
  return Status::Ok();
}

Status ImportTasks(const fs::path& dump, const fs::path& db, const ImportOptions& options) {
  MYRIAD_ASSIGN_OR_RETURN(auto tasks,
                          scheduler::TaskStore::Open((db / "tasks").string(), 0, options.no_sync));
  MYRIAD_ASSIGN_OR_RETURN(auto files, scheduler::UpdateFiles::Open((db / "update_files").string()));
  std::vector<Task> history;
  MYRIAD_RETURN_IF_ERROR(
      ForEachJsonLine(dump / "tasks/queue.jsonl", [&](boost::json::value line) -> Status {
        auto task = TaskFromDump(line);
        if (task.status().code() == StatusCode::kNotFound) {
          options.progress(task.status().message() + ": that task was not imported");
          return Status::Ok();
        }
        if (!task.ok()) return Malformed(dump / "tasks/queue.jsonl", task.status().message());
        if (!scheduler::IsFinished(task->status) &&
            task->kind == TaskKind::kDocumentAdditionOrUpdate) {
          // Its documents travel as an ndjson update file named by its uid.
          const fs::path update =
              dump / "tasks/update_files" / (std::to_string(task->uid) + ".jsonl");
          std::ifstream in(update, std::ios::binary);
          std::stringstream payload;
          if (in) payload << in.rdbuf();
          MYRIAD_ASSIGN_OR_RETURN(task->payload_uuid, files->Write(payload.str()));
          task->payload_bytes = payload.str().size();
        }
        history.push_back(std::move(*task));
        return Status::Ok();
      }));
  MYRIAD_RETURN_IF_ERROR(tasks->Import(history));
  options.progress(std::to_string(history.size()) + " tasks imported");
  return Status::Ok();
}

Status Build(const std::string& archive, const fs::path& dump, const fs::path& db,
             const ImportOptions& options) {
  std::error_code ec;
  fs::create_directories(dump, ec);
  if (ec) return Status::IoError("cannot create " + dump.string() + ": " + ec.message());
  options.progress("extracting " + archive);
  MYRIAD_RETURN_IF_ERROR(ExtractTarGz(archive, dump.string()));
  MYRIAD_ASSIGN_OR_RETURN(boost::json::value metadata, ReadJson(dump / "metadata.json"));
  const boost::json::value* version =
      metadata.is_object() ? metadata.get_object().if_contains("dumpVersion") : nullptr;
  if (version == nullptr || !version->is_string()) {
    return Malformed(dump / "metadata.json", "no `dumpVersion`");
  }
  if (version->get_string() != kDumpVersion) {
    return Status::InvalidArgument("the dump's version is " + std::string(version->get_string()) +
                                   "; this build of Myriad imports dumps of version " +
                                   kDumpVersion + " (Meilisearch v1.0 and later)");
  }
  MYRIAD_RETURN_IF_ERROR(ImportIndexes(dump, db, options));
  MYRIAD_RETURN_IF_ERROR(ImportKeys(dump, db, options));
  return ImportTasks(dump, db, options);
}

}  // namespace

Status ImportDump(const std::string& archive, const std::string& db_path, ImportOptions options) {
  const fs::path dump = db_path + ".dump-extract";
  std::error_code ec;
  fs::remove_all(dump, ec);
  Status st = BuildBeside(db_path, [&](const std::string& building) {
    return Build(archive, dump, building, options);
  });
  fs::remove_all(dump, ec);
  return st;
}

}  // namespace myriad::backup
