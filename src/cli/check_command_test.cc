// `myriad check` over a database built with the real modules: a registry count
// that differs from its env is a problem, except while a task of that index is
// recorded as processing (a batch a crash cut, which runs again at start-up).
#include "cli/check_command.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <string>

#include "engine/documents/document_dbs.h"
#include "engine/index.h"
#include "index_mapper/index_meta.h"
#include "index_mapper/registry.h"
#include "scheduler/task_store.h"
#include "storage/env.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"
#include "util/byte_size.h"

namespace myriad::cli {
namespace {

using myriad::testing::TempDir;

std::unique_ptr<storage::Env> OpenEnv(const std::string& dir) {
  std::filesystem::create_directories(dir);
  auto env = storage::Env::Open(dir, {.map_size = 4 * kMiB, .max_dbs = 32, .no_sync = true});
  EXPECT_TRUE(env.ok()) << env.status().ToString();
  return std::move(env).value();
}

// A database of one index `movies` whose env holds one document while the
// registry counts none, and a document addition to it recorded as enqueued.
class CheckCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = dir_.path();
    auto registry = index_mapper::Registry::Open(db + "/registry", /*no_sync=*/true);
    ASSERT_TRUE(registry.ok());
    index_mapper::IndexMeta meta;
    meta.uid = "movies";
    meta.uuid = index_mapper::NewUuid();
    ASSERT_TRUE((*registry)->Create(meta).ok());

    auto env = OpenEnv(db + "/indexes/" + meta.uuid);
    ASSERT_TRUE(env->CreateDatabases(engine::Index::DatabaseNames()).ok());
    auto documents = env->OpenDatabase(std::string(engine::dbs::kDocuments), false);
    auto external_ids = env->OpenDatabase(std::string(engine::dbs::kExternalIds), false);
    ASSERT_TRUE(documents.ok() && external_ids.ok());
    auto txn = storage::WriteTxn::Begin(*env);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(txn->Put(*documents, "doc", "{}").ok());
    ASSERT_TRUE(txn->Put(*external_ids, "1", "doc").ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());

    OpenEnv(db + "/auth");
    std::filesystem::create_directories(db + "/update_files");
    auto store = scheduler::TaskStore::Open(db + "/tasks", 0, /*no_sync=*/true);
    ASSERT_TRUE(store.ok());
    scheduler::Task task;
    task.kind = scheduler::TaskKind::kDocumentAdditionOrUpdate;
    task.index_uid = "movies";
    auto enqueued = (*store)->Enqueue(task);
    ASSERT_TRUE(enqueued.ok());
    task_ = *enqueued;
  }

  void SetTaskStatus(scheduler::TaskStatus status) {
    auto store = scheduler::TaskStore::Open(dir_.path() + "/tasks", 0, /*no_sync=*/true);
    ASSERT_TRUE(store.ok());
    task_.status = status;
    ASSERT_TRUE((*store)->Update(task_).ok());
  }

  TempDir dir_;
  scheduler::Task task_;
};

TEST_F(CheckCommandTest, ACountThatDiffersWithNoBatchCutIsAProblem) {
  boost::json::object report = CheckDatabase(dir_.path());
  EXPECT_FALSE(report.at("ok").as_bool());
  ASSERT_EQ(report.at("problems").as_array().size(), 1u);
  EXPECT_NE(report.at("problems").as_array()[0].as_string().find("the registry counts 0"),
            std::string::npos);
}

TEST_F(CheckCommandTest, ACountThatDiffersWhileItsBatchIsProcessingIsANote) {
  SetTaskStatus(scheduler::TaskStatus::kProcessing);
  boost::json::object report = CheckDatabase(dir_.path());
  EXPECT_TRUE(report.at("ok").as_bool()) << boost::json::serialize(report);
  bool noted = false;
  for (const auto& note : report.at("notes").as_array()) {
    noted = noted || note.as_string().find("a batch cut by a crash") != std::string::npos;
  }
  EXPECT_TRUE(noted) << boost::json::serialize(report);
}

}  // namespace
}  // namespace myriad::cli
