#include "backup/snapshot.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "backup/backup_tasks.h"
#include "backup/tar_gz.h"
#include "engine/index.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::backup {
namespace {

namespace fs = std::filesystem;
using myriad::testing::TempDir;
using scheduler::Task;
using scheduler::TaskKind;

index_mapper::IndexMapperOptions MapperOptions(const std::string& root) {
  index_mapper::IndexMapperOptions options;
  options.root = root;
  options.budget.usable_bytes = 64 * kGiB;
  options.budget.max_map_bytes = 64 * kGiB;
  options.budget.limits.fd_limit = 20000;
  options.budget.limits.max_map_count = 65530;
  options.no_sync = true;
  return options;
}

// A database directory laid out as the server's, with its stores open.
struct Database {
  explicit Database(const std::string& root) {
    mapper = std::move(index_mapper::IndexMapper::Open(MapperOptions(root))).value();
    tasks = std::move(scheduler::TaskStore::Open(root + "/tasks", 0, true)).value();
    files = std::move(scheduler::UpdateFiles::Open(root + "/update_files")).value();
    keys = std::move(auth::Authorizer::Open(root + "/auth", "a-master-key-of-some-length", true))
               .value();
  }
  // Every document of `uid`, serialized, in internal id order.
  std::vector<std::string> Documents(const std::string& uid) {
    std::vector<std::string> out;
    auto handle = mapper->Acquire(uid);
    EXPECT_TRUE(handle.ok()) << handle.status().ToString();
    if (!handle.ok()) return out;
    EXPECT_TRUE(handle->CreateDatabases(engine::Index::DatabaseNames()).ok());
    auto index = engine::Index::Open(
        [&](const std::string& name, bool create) { return handle->OpenDatabase(name, create); });
    auto txn = handle->BeginRead();
    EXPECT_TRUE(index.ok() && txn.ok());
    EXPECT_TRUE(index->store()
                    .ForEach(txn->txn(),
                             [&](uint32_t, const boost::json::object& document) -> Status {
                               out.push_back(boost::json::serialize(document));
                               return Status::Ok();
                             })
                    .ok());
    return out;
  }

  std::unique_ptr<index_mapper::IndexMapper> mapper;
  std::unique_ptr<scheduler::TaskStore> tasks;
  std::unique_ptr<scheduler::UpdateFiles> files;
  std::unique_ptr<auth::Authorizer> keys;
};

Task WaitFor(const scheduler::TaskStore& tasks, uint32_t uid) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto t = tasks.Get(uid);
    if (!t.ok() || scheduler::IsFinished(t->status)) return t.ok() ? *t : Task{};
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "task " << uid << " did not finish";
      return *t;
    }
    std::this_thread::yield();
  }
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = std::make_unique<Database>(dir_.Sub("data.ms"));
    const BackupSources sources{*source_->mapper, *source_->tasks, *source_->files, *source_->keys,
                                "test"};
    scheduler_ = std::move(scheduler::Scheduler::Start(
                               *source_->tasks, *source_->files, *source_->mapper, {},
                               {.snapshot_creation = MakeSnapshotRunner(
                                    sources, dir_.Sub("snapshots"), "data.ms.snapshot")}))
                     .value();
  }

  Task Run(TaskKind kind, std::optional<std::string> index, boost::json::object params = {},
           std::optional<std::string_view> payload = std::nullopt) {
    Task t;
    t.kind = kind;
    t.index_uid = std::move(index);
    t.params = std::move(params);
    auto stored = scheduler_->Register(std::move(t), payload);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return WaitFor(*source_->tasks, stored->uid);
  }

  TempDir dir_;
  std::unique_ptr<Database> source_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
};

TEST_F(SnapshotTest, ARestoredSnapshotHoldsWhatTheDatabaseHeld) {
  const boost::json::object json{{"format", "json"}, {"primaryKey", "id"}};
  ASSERT_EQ(Run(TaskKind::kDocumentAdditionOrUpdate, "movies", json,
                R"([{"id":1,"title":"Alien"},{"id":2,"title":"Brazil","tags":["dystopia"]}])")
                .status,
            scheduler::TaskStatus::kSucceeded);
  ASSERT_EQ(Run(TaskKind::kIndexCreation, "empty", {{"primaryKey", "sku"}}).status,
            scheduler::TaskStatus::kSucceeded);
  auth::ApiKey key;
  key.actions = {"search"};
  key.indexes = {"movies"};
  ASSERT_TRUE(source_->keys->CreateKey(key).ok());
  const Task snapshot = Run(TaskKind::kSnapshotCreation, std::nullopt);
  ASSERT_EQ(snapshot.status, scheduler::TaskStatus::kSucceeded)
      << (snapshot.error ? snapshot.error->message : "");
  const std::string file = dir_.Sub("snapshots/data.ms.snapshot");
  ASSERT_TRUE(fs::is_regular_file(file));
  EXPECT_FALSE(fs::exists(dir_.Sub("snapshots/.data.ms.snapshot.staging")));
  // After the snapshot: not in it.
  ASSERT_EQ(Run(TaskKind::kDocumentAdditionOrUpdate, "movies", json, R"([{"id":3}])").status,
            scheduler::TaskStatus::kSucceeded);
  const std::vector<std::string> documents_then = [&] {
    std::vector<std::string> d = source_->Documents("movies");
    d.pop_back();
    return d;
  }();
  std::vector<Task> tasks_then;
  ASSERT_TRUE(source_->tasks
                  ->ForEach([&](const Task& t) {
                    if (t.uid <= snapshot.uid) tasks_then.push_back(t);
                    return Status::Ok();
                  })
                  .ok());
  const std::vector<auth::ApiKey> keys_then = source_->keys->ListKeys();
  scheduler_.reset();

  const std::string restored_at = dir_.Sub("restored.ms");
  Status st = ImportSnapshot(file, restored_at, MapperOptions(""));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_FALSE(fs::exists(restored_at + ".importing"));
  EXPECT_FALSE(fs::exists(restored_at + "/myriad-snapshot.json"));
  Database restored(restored_at);
  EXPECT_EQ(restored.Documents("movies"), documents_then);
  EXPECT_EQ(restored.mapper->GetIndex("empty")->primary_key, "sku");
  EXPECT_EQ(restored.keys->ListKeys(), keys_then);
  std::vector<Task> tasks_now;
  ASSERT_TRUE(restored.tasks
                  ->ForEach([&](const Task& t) {
                    tasks_now.push_back(t);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(tasks_now.size(), tasks_then.size());
  for (size_t i = 0; i + 1 < tasks_now.size(); ++i) {
    EXPECT_EQ(scheduler::TaskToJson(tasks_now[i]), scheduler::TaskToJson(tasks_then[i]));
  }
  // The snapshot's own task is recorded as done, so it is not taken again.
  EXPECT_EQ(tasks_now.back().uid, snapshot.uid);
  EXPECT_EQ(tasks_now.back().status, scheduler::TaskStatus::kSucceeded);
}

TEST_F(SnapshotTest, WhatIsNotAWholeSnapshotLeavesNoDatabase) {
  ASSERT_EQ(Run(TaskKind::kIndexCreation, "movies").status, scheduler::TaskStatus::kSucceeded);
  ASSERT_EQ(Run(TaskKind::kSnapshotCreation, std::nullopt).status,
            scheduler::TaskStatus::kSucceeded);
  std::ifstream in(dir_.Sub("snapshots/data.ms.snapshot"), std::ios::binary);
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string cut = dir_.Sub("cut.snapshot");
  std::ofstream(cut, std::ios::binary) << whole.str().substr(0, whole.str().size() / 2);
  // A tar.gz of something else: a dump's metadata, say.
  fs::create_directories(dir_.Sub("foreign"));
  std::ofstream(dir_.Sub("foreign/metadata.json")) << R"({"dumpVersion":"V6"})";
  const std::string foreign = dir_.Sub("foreign.snapshot");
  ASSERT_TRUE(WriteTarGz(dir_.Sub("foreign"), foreign).ok());
  for (const std::string& file : {cut, foreign}) {
    const std::string db = dir_.Sub("never.ms");
    Status st = ImportSnapshot(file, db, MapperOptions(""));
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << file << ": " << st.ToString();
    EXPECT_FALSE(fs::exists(db)) << file;
    EXPECT_FALSE(fs::exists(db + ".importing")) << file;
  }
}

TEST(SnapshotFileName, IsTheDatabaseDirectorysNamePlusSnapshot) {
  EXPECT_EQ(SnapshotFileName("./data.ms"), "data.ms.snapshot");
  EXPECT_EQ(SnapshotFileName("/var/lib/myriad/db/"), "db.snapshot");
  EXPECT_EQ(SnapshotFileName("/"), "data.ms.snapshot");
}

}  // namespace
}  // namespace myriad::backup
