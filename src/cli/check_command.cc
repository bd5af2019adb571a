#include "cli/check_command.h"

#include <sys/stat.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "engine/documents/document_dbs.h"
#include "index_mapper/index_meta.h"
#include "index_mapper/registry.h"
#include "scheduler/task_store.h"
#include "scheduler/update_files.h"
#include "storage/env.h"
#include "storage/env_walk.h"
#include "util/byte_size.h"

namespace myriad::cli {
namespace {

namespace fs = std::filesystem;

bool IsDir(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// Accumulates the report.
struct Report {
  boost::json::array envs;
  boost::json::array problems;
  boost::json::array notes;

  void Problem(std::string text) { problems.emplace_back(std::move(text)); }
  void Note(std::string text) { notes.emplace_back(std::move(text)); }
};

// Opens the env in `dir` (never creating it) with a map that holds its file,
// walks it, and adds it to the report. Returns the entries per database name,
// empty when the env could not be read (a problem then).
std::map<std::string, uint64_t> WalkEnv(const std::string& db_path, const std::string& rel,
                                        Report& report) {
  const std::string dir = db_path + "/" + rel;
  std::error_code ec;
  const uintmax_t file_bytes = fs::file_size(dir + "/data.mdb", ec);
  if (ec) {
    report.Problem(rel + ": no data.mdb (" + ec.message() + ")");
    return {};
  }
  storage::EnvOptions options;
  options.map_size = file_bytes + 64 * kMiB;
  options.max_dbs = 64;
  options.create = false;
  auto env = storage::Env::Open(dir, options);
  if (!env.ok()) {
    report.Problem(rel + ": " + env.status().ToString());
    return {};
  }
  auto walks = storage::WalkDatabases(**env);
  if (!walks.ok()) {
    report.Problem(rel + ": " + walks.status().ToString());
    return {};
  }
  std::map<std::string, uint64_t> entries;
  boost::json::array databases;
  for (const storage::DatabaseWalk& w : *walks) {
    entries[w.name] = w.entries;
    databases.push_back(
        {{"name", w.name}, {"entries", w.entries}, {"depth", w.depth}, {"pages", w.pages}});
  }
  report.envs.push_back({{"path", rel}, {"databases", std::move(databases)}});
  return entries;
}

// The registry's indexes, or nullopt (a problem then).
std::optional<std::vector<index_mapper::IndexMeta>> ReadRegistry(const std::string& db_path,
                                                                 Report& report) {
  auto registry = index_mapper::Registry::Open(db_path + "/registry", /*no_sync=*/true);
  if (!registry.ok()) {
    report.Problem("registry: " + registry.status().ToString());
    return std::nullopt;
  }
  std::vector<index_mapper::IndexMeta> metas;
  Status st = (*registry)->ForEach(
      [&](const index_mapper::IndexMetaView& m) { metas.push_back(m.ToMeta()); });
  if (!st.ok()) {
    report.Problem("registry: " + st.ToString());
    return std::nullopt;
  }
  return metas;
}

// The indexes of the tasks recorded as processing: a batch a crash cut. At the
// next start it runs again and copies the env's counts to the registry, so
// until then the two may differ.
std::set<std::string> IndexesOfCutBatches(const scheduler::TaskStore* store) {
  std::set<std::string> uids;
  if (store == nullptr) return uids;
  scheduler::TaskQuery processing;
  processing.statuses = {scheduler::TaskStatus::kProcessing};
  auto matching = store->MatchingUids(processing);
  if (!matching.ok()) return uids;  // CheckTasks reports it
  for (uint32_t uid : *matching) {
    auto task = store->Get(uid);
    if (task.ok() && task->index_uid) uids.insert(*task->index_uid);
  }
  return uids;
}

void CheckIndexes(const std::string& db_path, const std::vector<index_mapper::IndexMeta>& metas,
                  const scheduler::TaskStore* store, Report& report) {
  const std::set<std::string> cut = IndexesOfCutBatches(store);
  std::set<std::string> known;
  for (const index_mapper::IndexMeta& meta : metas) {
    known.insert(meta.uuid);
    const std::string rel = "indexes/" + meta.uuid;
    if (!IsDir(db_path + "/" + rel)) {
      report.Problem("index `" + meta.uid + "`: its directory " + rel + " is missing");
      continue;
    }
    const std::map<std::string, uint64_t> entries = WalkEnv(db_path, rel, report);
    if (entries.empty()) continue;
    const auto count = [&](std::string_view name) {
      auto it = entries.find(std::string(name));
      return it == entries.end() ? uint64_t{0} : it->second;
    };
    const uint64_t documents = count(engine::dbs::kDocuments);
    if (documents != meta.document_count) {
      std::string text = "index `" + meta.uid + "`: the registry counts " +
                         std::to_string(meta.document_count) + " documents, its env holds " +
                         std::to_string(documents);
      if (cut.contains(meta.uid)) {
        report.Note(std::move(text) + " (a batch cut by a crash: it runs again at start-up)");
      } else {
        report.Problem(std::move(text));
      }
    }
    if (count(engine::dbs::kExternalIds) != documents) {
      report.Problem("index `" + meta.uid + "`: " + std::to_string(documents) + " documents but " +
                     std::to_string(count(engine::dbs::kExternalIds)) + " external ids");
    }
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_path + "/indexes", ec)) {
    const std::string name = entry.path().filename().string();
    if (!known.contains(name)) {
      report.Problem("indexes/" + name + " belongs to no index of the registry");
    }
  }
  if (ec) report.Problem("indexes/: " + ec.message());
}

// The task store's summary: total, unfinished, update_files (files in update_files/).
boost::json::object CheckTasks(const std::string& db_path, const scheduler::TaskStore* store,
                               Report& report) {
  boost::json::object summary;
  if (store == nullptr) return summary;  // CheckDatabase reported why
  if (auto count = store->Count(); count.ok()) summary["total"] = *count;
  scheduler::TaskQuery unfinished;
  unfinished.statuses = {scheduler::TaskStatus::kEnqueued, scheduler::TaskStatus::kProcessing};
  auto uids = store->MatchingUids(unfinished);
  if (!uids.ok()) {
    report.Problem("tasks: " + uids.status().ToString());
    return summary;
  }
  summary["unfinished"] = uids->size();

  const std::string files_dir = db_path + "/update_files";
  std::set<std::string> named;
  for (uint32_t uid : *uids) {
    auto task = store->Get(uid);
    if (!task.ok()) {
      report.Problem("task " + std::to_string(uid) + ": " + task.status().ToString());
      continue;
    }
    if (!task->payload_uuid) continue;
    named.insert(*task->payload_uuid);
    struct stat st;
    if (!index_mapper::IsValidUuid(*task->payload_uuid) ||
        ::stat((files_dir + "/" + *task->payload_uuid).c_str(), &st) != 0) {
      report.Problem("task " + std::to_string(uid) + ": its update file " + *task->payload_uuid +
                     " is missing");
    }
  }
  uint64_t files = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(files_dir, ec)) {
    const std::string name = entry.path().filename().string();
    ++files;
    if (name.starts_with(".tmp-")) {
      report.Note("update_files/" + name + ": a payload cut by a crash (removed at start)");
    } else if (!named.contains(name)) {
      report.Note("update_files/" + name + ": named by no unfinished task");
    }
  }
  if (ec) report.Problem("update_files/: " + ec.message());
  summary["update_files"] = files;
  return summary;
}

}  // namespace

boost::json::object CheckDatabase(const std::string& db_path) {
  Report report;
  boost::json::object out;
  out["db_path"] = db_path;
  if (!IsDir(db_path)) {
    report.Problem(db_path + " is not a directory");
  } else {
    // Walk first (never creating anything), then read through the modules.
    for (const char* env : {"registry", "tasks", "auth"}) {
      if (IsDir(db_path + "/" + env)) {
        (void)WalkEnv(db_path, env, report);
      } else {
        report.Problem(std::string(env) + "/ is missing");
      }
    }
    if (report.problems.empty()) {
      auto store = scheduler::TaskStore::Open(db_path + "/tasks", 0, /*no_sync=*/true);
      if (!store.ok()) report.Problem("tasks: " + store.status().ToString());
      const scheduler::TaskStore* tasks = store.ok() ? store->get() : nullptr;
      if (auto metas = ReadRegistry(db_path, report)) {
        out["indexes"] = metas->size();
        CheckIndexes(db_path, *metas, tasks, report);
      }
      out["tasks"] = CheckTasks(db_path, tasks, report);
    }
  }
  out["ok"] = report.problems.empty();
  out["envs"] = std::move(report.envs);
  out["problems"] = std::move(report.problems);
  out["notes"] = std::move(report.notes);
  return out;
}

int RunCheckCommand(const std::string& db_path, std::ostream& out) {
  boost::json::object report = CheckDatabase(db_path);
  out << boost::json::serialize(report) << "\n";
  return report.at("ok").as_bool() && out ? 0 : 1;
}

}  // namespace myriad::cli
