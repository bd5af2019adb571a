#include "scheduler/scheduler.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "scheduler/batch_view.h"
#include "scheduler/index_swap.h"
#include "scheduler/task_query.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::scheduler {
namespace {

using myriad::testing::TempDir;

// A data directory with the three stores the scheduler borrows.
class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    index_mapper::IndexMapperOptions options;
    options.root = dir_.path();
    options.budget.usable_bytes = 64 * kGiB;
    options.budget.max_map_bytes = 64 * kGiB;
    options.budget.limits.fd_limit = 20000;
    options.budget.limits.max_map_count = 65530;
    options.no_sync = true;
    mapper_ = std::move(index_mapper::IndexMapper::Open(options)).value();
    tasks_ = std::move(TaskStore::Open(dir_.Sub("tasks"), 0, /*no_sync=*/true)).value();
    files_ = std::move(UpdateFiles::Open(dir_.Sub("update_files"))).value();
  }

  void StartScheduler() {
    auto s = Scheduler::Start(*tasks_, *files_, *mapper_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    scheduler_ = std::move(s).value();
  }

  void Close() {
    scheduler_.reset();
    files_.reset();
    tasks_.reset();
    mapper_.reset();
  }

  Task Register(TaskKind kind, const std::string& index, boost::json::object params = {},
                std::optional<std::string_view> payload = std::nullopt) {
    Task t;
    t.kind = kind;
    t.index_uid = index;
    t.params = std::move(params);
    auto stored = scheduler_->Register(std::move(t), payload);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : Task{};
  }

  // Enqueues directly, as Register does, before the scheduler runs.
  Task EnqueueBeforeStart(TaskKind kind, const std::string& index, boost::json::object params,
                          std::string_view payload) {
    Task t;
    t.kind = kind;
    t.index_uid = index;
    t.params = std::move(params);
    t.payload_uuid = *files_->Write(payload);
    t.payload_bytes = payload.size();
    return *tasks_->Enqueue(std::move(t));
  }

  // Polls the task until it is finished (bounded: a hung scheduler fails the test).
  Task Wait(uint32_t uid) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      auto t = tasks_->Get(uid);
      EXPECT_TRUE(t.ok());
      if (!t.ok() || IsFinished(t->status)) return t.ok() ? *t : Task{};
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "task " << uid << " did not finish";
        return *t;
      }
      std::this_thread::yield();
    }
  }

  // The scheduler removes a batch's payload files after recording its outcomes,
  // so a test that saw the task finish polls for them to go.
  bool PayloadFilesGone() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      auto files = files_->List();
      if (!files.ok() || files->empty()) return files.ok();
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::yield();
    }
  }

  TempDir dir_;
  std::unique_ptr<index_mapper::IndexMapper> mapper_;
  std::unique_ptr<TaskStore> tasks_;
  std::unique_ptr<UpdateFiles> files_;
  std::unique_ptr<Scheduler> scheduler_;
};

boost::json::object AddParams(const char* format = "json", bool replace = true) {
  return {{"format", format}, {"replace", replace}};
}

TEST_F(SchedulerTest, CreatesAnIndexAndRefusesASecondCreation) {
  StartScheduler();
  Task first = Register(TaskKind::kIndexCreation, "movies", {{"primaryKey", "id"}});
  Task second = Register(TaskKind::kIndexCreation, "movies");
  EXPECT_EQ(Wait(first.uid).status, TaskStatus::kSucceeded);
  Task done = Wait(second.uid);
  EXPECT_EQ(done.status, TaskStatus::kFailed);
  ASSERT_TRUE(done.error.has_value());
  EXPECT_EQ(done.error->code, "index_already_exists");
  EXPECT_EQ(done.error->type, "invalid_request");
  EXPECT_EQ(mapper_->GetIndex("movies")->primary_key, "id");
  EXPECT_TRUE(done.finished_at_ns.has_value());
  EXPECT_TRUE(done.batch_uid.has_value());
}

TEST_F(SchedulerTest, AddsDocumentsToAMissingIndexAndInfersTheKey) {
  StartScheduler();
  Task add = Register(TaskKind::kDocumentAdditionOrUpdate, "books", AddParams(),
                      R"([{"book_id":1,"title":"Dune"},{"book_id":2,"title":"Emma"}])");
  Task csv = Register(TaskKind::kDocumentAdditionOrUpdate, "books", AddParams("csv"),
                      "book_id:number,title\n3,Ulysses\n");
  Task done = Wait(csv.uid);
  EXPECT_EQ(Wait(add.uid).details.at("indexedDocuments").to_number<uint64_t>(), 2u);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded) << done.error->message;
  auto meta = mapper_->GetIndex("books");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->primary_key, "book_id");
  EXPECT_EQ(meta->document_count, 3u);
  // Payload files are removed once their task is done.
  EXPECT_TRUE(PayloadFilesGone());
}

TEST_F(SchedulerTest, ConsecutiveAdditionsToOneIndexRunAsOneBatch) {
  // On an index that exists (see OnAMissingIndexTheFirstTaskIsABatchOfItsOwn).
  EnqueueBeforeStart(TaskKind::kIndexCreation, "a", {}, "");
  Task a = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"({"id":1})");
  Task other = EnqueueBeforeStart(TaskKind::kIndexCreation, "b", {}, "");
  Task b = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"({"id":2})");
  StartScheduler();
  const Task done_a = Wait(a.uid);
  const Task done_b = Wait(b.uid);
  EXPECT_EQ(done_a.batch_uid, done_b.batch_uid);
  EXPECT_NE(Wait(other.uid).batch_uid, done_a.batch_uid);
  EXPECT_EQ(mapper_->GetIndex("a")->document_count, 2u);
}

// GET /batches: a batch is its tasks, found from any of them; the filters are
// the tasks' and the paging is by batch uid.
TEST_F(SchedulerTest, ABatchIsMadeOfItsTasks) {
  EnqueueBeforeStart(TaskKind::kIndexCreation, "a", {}, "");
  Task a = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(),
                              R"([{"id":1},{"id":2}])");
  Task other = EnqueueBeforeStart(TaskKind::kIndexCreation, "b", {}, "");
  Task bad = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), "[{");
  Task b =
      EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":3}])");
  StartScheduler();
  const Task done_a = Wait(a.uid);
  ASSERT_EQ(Wait(bad.uid).batch_uid, done_a.batch_uid);
  ASSERT_EQ(Wait(b.uid).batch_uid, done_a.batch_uid);
  const Task done_other = Wait(other.uid);

  auto batch = tasks_->GetBatch(*done_a.batch_uid);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  std::vector<uint32_t> members;
  for (const Task& t : batch->tasks) members.push_back(t.uid);
  EXPECT_EQ(members, (std::vector<uint32_t>{a.uid, bad.uid, b.uid}));
  const boost::json::object view = BatchToJson(*batch);
  EXPECT_EQ(view.at("uid"), *done_a.batch_uid);
  EXPECT_EQ(view.at("stats").at("totalNbTasks"), 3);
  EXPECT_EQ(view.at("stats").at("status"), (boost::json::object{{"succeeded", 2}, {"failed", 1}}));
  EXPECT_EQ(view.at("stats").at("indexUids"), (boost::json::object{{"a", 3}}));
  EXPECT_EQ(view.at("details").at("indexedDocuments"), 3);
  EXPECT_TRUE(view.at("finishedAt").is_string());
  EXPECT_EQ(tasks_->GetBatch(9999).status().code(), StatusCode::kNotFound);
  // A key that may not see index `a` does not see the batch.
  EXPECT_EQ(tasks_
                ->GetBatch(*done_a.batch_uid,
                           [](const std::optional<std::string>& index) { return index != "a"; })
                .status()
                .code(),
            StatusCode::kNotFound);

  TaskQuery failed;
  failed.statuses = std::vector<TaskStatus>{TaskStatus::kFailed};
  auto page = tasks_->QueryBatches(failed);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1u);
  EXPECT_EQ(page->results[0].uid, *done_a.batch_uid);
  TaskQuery all;
  all.limit = 1;
  page = tasks_->QueryBatches(all);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3u);  // a's creation, the documents, b's creation
  EXPECT_EQ(page->results[0].uid, *done_other.batch_uid);
  ASSERT_TRUE(page->next);
  all.from = *page->next;
  page = tasks_->QueryBatches(all);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->results[0].uid, *done_a.batch_uid);
}

TEST_F(SchedulerTest, ABadPayloadFailsAloneAndLeavesTheIndexAsItWas) {
  StartScheduler();
  Task good = Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":1}])");
  Task bad = Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":2}, {)");
  Task bad_id =
      Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":3},{"id":"a b"}])");
  Task after = Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"({"id":4})");
  EXPECT_EQ(Wait(good.uid).status, TaskStatus::kSucceeded);
  Task failed = Wait(bad.uid);
  EXPECT_EQ(failed.status, TaskStatus::kFailed);
  EXPECT_EQ(failed.error->code, "malformed_payload");
  Task invalid = Wait(bad_id.uid);
  EXPECT_EQ(invalid.status, TaskStatus::kFailed);
  EXPECT_EQ(invalid.error->code, "invalid_document_id");
  EXPECT_EQ(Wait(after.uid).status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("a")->document_count, 2u);  // ids 1 and 4: nothing of 2 or 3
}

// Tasks of one batch share one write txn: each still gets its own outcome, a
// refused one leaves nothing, and later tasks see what earlier ones wrote.
TEST_F(SchedulerTest, ABatchOfDocumentTasksKeepsEachTasksOutcome) {
  StartScheduler();
  Task seed = Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(),
                       R"([{"id":1,"n":"one"},{"id":2,"n":"two"}])");
  ASSERT_EQ(Wait(seed.uid).status, TaskStatus::kSucceeded);
  Close();
  Open();
  const auto add = [&](std::string_view payload, bool replace = true) {
    return EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams("json", replace),
                              payload);
  };
  std::vector<Task> batch = {
      add(R"([{"id":3,"n":"three"}])"),
      add(R"([{"id":4}, {)"),             // malformed
      add(R"([{"id":5},{"id":"a b"}])"),  // invalid id: 5 is not added either
      EnqueueBeforeStart(TaskKind::kDocumentDeletion, "a",
                         {{"ids", boost::json::array{"1", "3", "9"}}}, ""),
      add(R"([{"id":3,"n":"again"}])"),
      add(R"([{"id":2,"m":"more"}])", /*replace=*/false),
  };
  StartScheduler();
  std::vector<Task> done;
  for (const Task& t : batch) done.push_back(Wait(t.uid));
  for (const Task& t : done) EXPECT_EQ(t.batch_uid, done.front().batch_uid);
  EXPECT_EQ(done[0].status, TaskStatus::kSucceeded);
  EXPECT_EQ(done[1].error->code, "malformed_payload");
  EXPECT_EQ(done[2].error->code, "invalid_document_id");
  ASSERT_EQ(done[3].status, TaskStatus::kSucceeded);
  EXPECT_EQ(done[3].details.at("deletedDocuments").to_number<uint64_t>(), 2u);  // 1 and 3
  EXPECT_EQ(done[4].details.at("indexedDocuments").to_number<uint64_t>(), 1u);
  EXPECT_EQ(done[5].status, TaskStatus::kSucceeded);
  auto meta = mapper_->GetIndex("a");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->document_count, 2u);  // 2 (updated) and 3 (added again)
  EXPECT_EQ(meta->field_distribution.at("m"), 1u);
  EXPECT_EQ(meta->field_distribution.at("n"), 2u);
}

TEST_F(SchedulerTest, DeletesDocumentsAndIndexes) {
  StartScheduler();
  Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(),
           R"([{"id":1},{"id":2},{"id":3}])");
  Task del = Register(TaskKind::kDocumentDeletion, "a", {{"ids", boost::json::array{"1", "9"}}});
  Task done = Wait(del.uid);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded);
  EXPECT_EQ(done.details.at("deletedDocuments").to_number<uint64_t>(), 1u);
  EXPECT_EQ(mapper_->GetIndex("a")->document_count, 2u);
  Task drop = Register(TaskKind::kIndexDeletion, "a");
  Task dropped = Wait(drop.uid);
  ASSERT_EQ(dropped.status, TaskStatus::kSucceeded);
  EXPECT_EQ(dropped.details.at("deletedDocuments").to_number<uint64_t>(), 2u);
  EXPECT_FALSE(mapper_->Exists("a"));
  Task again = Wait(Register(TaskKind::kIndexDeletion, "a").uid);
  EXPECT_EQ(again.error->code, "index_not_found");
}

TEST_F(SchedulerTest, UpdatesThePrimaryKeyOnlyWhileEmptyAndRenames) {
  StartScheduler();
  Register(TaskKind::kIndexCreation, "a");
  Task pk = Register(TaskKind::kIndexUpdate, "a", {{"primaryKey", "sku"}});
  EXPECT_EQ(Wait(pk.uid).status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("a")->primary_key, "sku");
  Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"sku":"x1"}])");
  Task refused = Wait(Register(TaskKind::kIndexUpdate, "a", {{"primaryKey", "id"}}).uid);
  EXPECT_EQ(refused.error->code, "index_primary_key_already_exists");
  Task rename = Wait(Register(TaskKind::kIndexUpdate, "a", {{"newUid", "b"}}).uid);
  ASSERT_EQ(rename.status, TaskStatus::kSucceeded);
  EXPECT_EQ(rename.details.at("newIndexUid").as_string(), "b");
  EXPECT_EQ(mapper_->GetIndex("b")->document_count, 1u);
}

TEST_F(SchedulerTest, TasksLeftProcessingByACrashRunAtRestart) {
  // Enqueued and marked processing, as a killed server leaves them.
  Task t;
  t.kind = TaskKind::kIndexCreation;
  t.index_uid = "survivor";
  auto stored = tasks_->Enqueue(t);
  ASSERT_TRUE(stored.ok());
  stored->status = TaskStatus::kProcessing;
  ASSERT_TRUE(tasks_->Update(*stored).ok());
  StartScheduler();
  EXPECT_EQ(Wait(stored->uid).status, TaskStatus::kSucceeded);
  EXPECT_TRUE(mapper_->Exists("survivor"));
}

TEST_F(SchedulerTest, RegisteredTasksSurviveARestartBeforeTheyRun) {
  // Registered but never run: the scheduler is gone before it looks.
  StartScheduler();
  scheduler_.reset();
  Task t;
  t.kind = TaskKind::kDocumentAdditionOrUpdate;
  t.index_uid = "late";
  t.params = AddParams();
  auto payload_uuid = files_->Write(R"([{"id":"x"}])");
  ASSERT_TRUE(payload_uuid.ok());
  t.payload_uuid = *payload_uuid;
  t.payload_bytes = 12;
  auto stored = tasks_->Enqueue(t);
  ASSERT_TRUE(stored.ok());
  Close();
  Open();
  StartScheduler();
  EXPECT_EQ(Wait(stored->uid).status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("late")->document_count, 1u);
}

TEST_F(SchedulerTest, IngestsTheDatasetFromTheSmallestMapWithoutReplays) {
  std::ifstream in(std::string(MYRIAD_DATASETS_DIR) + "/debian-packages-2k.json");
  ASSERT_TRUE(in) << "dataset not found under " << MYRIAD_DATASETS_DIR;
  std::stringstream body;
  body << in.rdbuf();
  StartScheduler();
  Task add = Register(TaskKind::kDocumentAdditionOrUpdate, "debian", AddParams(), body.str());
  Task done = Wait(add.uid);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded) << done.error->message;
  EXPECT_EQ(done.details.at("indexedDocuments").to_number<uint64_t>(), 1990u);
  EXPECT_EQ(mapper_->GetIndex("debian")->document_count, 1990u);
  EXPECT_EQ(scheduler_->replays(), 0u);
  EXPECT_GE(mapper_->Stats().growths, 1u);  // it started at the smallest map and grew
}

std::string Dataset2k() {
  std::ifstream in(std::string(MYRIAD_DATASETS_DIR) + "/debian-packages-2k.json");
  std::stringstream body;
  body << in.rdbuf();
  return body.str();
}

// Replacing documents rewrites their pages from the free list, so the file
// barely grows; the room estimate must still cover what such a task writes, or
// the next task, finding no free pages, outgrows the room it was given.
TEST_F(SchedulerTest, TasksThatReuseFreePagesDoNotShrinkTheRoomOfTheNext) {
  const boost::json::array docs = boost::json::parse(Dataset2k()).as_array();
  const boost::json::array first(docs.begin(), docs.begin() + 100);
  // New documents: a task that finds little to reuse, and whose payload is small
  // enough that a room learned from the replacements' growth (about none) would
  // not grow the map.
  const boost::json::array fresh(docs.begin() + 100, docs.begin() + 800);
  StartScheduler();
  std::vector<Task> added;
  for (int i = 0; i < 20; ++i) {
    boost::json::array changed = first;
    for (auto& d : changed) d.as_object()["revision"] = i;
    added.push_back(Register(TaskKind::kDocumentAdditionOrUpdate, "debian", AddParams(),
                             boost::json::serialize(changed)));
  }
  added.push_back(Register(TaskKind::kDocumentAdditionOrUpdate, "debian", AddParams(),
                           boost::json::serialize(fresh)));
  for (const Task& t : added) ASSERT_EQ(Wait(t.uid).status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("debian")->document_count, 800u);
  EXPECT_EQ(scheduler_->replays(), 0u);
}

TEST_F(SchedulerTest, AWriteThatMeetsMapFullIsReplayedAndCounted) {
  StartScheduler();
  scheduler_->faults().skip_room = true;
  Task add = Register(TaskKind::kDocumentAdditionOrUpdate, "debian", AddParams(), Dataset2k());
  Task done = Wait(add.uid);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded) << done.error->message;
  EXPECT_GE(scheduler_->replays(), 1u);
  EXPECT_EQ(mapper_->GetIndex("debian")->document_count, 1990u);
}

TEST_F(SchedulerTest, AFailedIndexCommitFailsTheTaskAndWritesNothing) {
  StartScheduler();
  Task first =
      Register(TaskKind::kDocumentAdditionOrUpdate, "shop", AddParams(), R"([{"id":1},{"id":2}])");
  ASSERT_EQ(Wait(first.uid).status, TaskStatus::kSucceeded);
  scheduler_->faults().fail_next_commit = true;
  Task failing =
      Register(TaskKind::kDocumentAdditionOrUpdate, "shop", AddParams(), R"([{"id":3},{"id":4}])");
  Task failed = Wait(failing.uid);
  ASSERT_EQ(failed.status, TaskStatus::kFailed);
  EXPECT_EQ(failed.error->code, "internal");
  EXPECT_NE(failed.error->message.find("injected fault"), std::string::npos);
  EXPECT_EQ(mapper_->GetIndex("shop")->document_count, 2u);
  // The next task runs on an index the failure left intact.
  Task next = Register(TaskKind::kDocumentAdditionOrUpdate, "shop", AddParams(), R"([{"id":5}])");
  ASSERT_EQ(Wait(next.uid).status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("shop")->document_count, 3u);
}

TEST_F(SchedulerTest, ACrashAfterTheIndexCommitRunsTheBatchAgainWithTheSameResult) {
  StartScheduler();
  Task seed =
      Register(TaskKind::kDocumentAdditionOrUpdate, "shop", AddParams(), R"([{"id":1,"n":"old"}])");
  ASSERT_EQ(Wait(seed.uid).status, TaskStatus::kSucceeded);
  scheduler_->faults().halt_after_next_commit = true;
  Task add = Register(TaskKind::kDocumentAdditionOrUpdate, "shop", AddParams(),
                      R"([{"id":1,"n":"new"},{"id":2,"n":"two"}])");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!scheduler_->halted() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  ASSERT_TRUE(scheduler_->halted());
  // The index holds the batch; the task store still says processing.
  EXPECT_EQ(tasks_->Get(add.uid)->status, TaskStatus::kProcessing);

  Close();
  Open();
  StartScheduler();
  Task done = Wait(add.uid);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded) << done.error->message;
  EXPECT_EQ(done.details.at("indexedDocuments").to_number<uint64_t>(), 2u);
  EXPECT_EQ(mapper_->GetIndex("shop")->document_count, 2u);
}

// A batch on a missing index whose second task creates it: were they one batch,
// a kill after the creator's commit would rerun both on the index the first run
// made, and the deletion would then succeed. The first task runs alone instead.
TEST_F(SchedulerTest, OnAMissingIndexTheFirstTaskIsABatchOfItsOwn) {
  Task deletion;
  deletion.kind = TaskKind::kDocumentDeletion;
  deletion.index_uid = "fresh";
  deletion.params = {{"ids", boost::json::array{"1"}}};
  const uint32_t del = tasks_->Enqueue(std::move(deletion))->uid;
  Task add = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "fresh", AddParams(),
                                R"([{"id":1},{"id":2}])");
  Task three = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "fresh", AddParams(),
                                  R"([{"id":3}])");
  Task four = EnqueueBeforeStart(TaskKind::kDocumentAdditionOrUpdate, "fresh", AddParams(),
                                 R"([{"id":4}])");
  StartScheduler();
  const Task four_done = Wait(four.uid);
  const Task del_done = Wait(del);
  const Task add_done = Wait(add.uid);
  const Task three_done = Wait(three.uid);
  ASSERT_TRUE(del_done.error.has_value());
  EXPECT_EQ(del_done.error->code, "index_not_found");
  EXPECT_EQ(add_done.status, TaskStatus::kSucceeded);
  EXPECT_NE(del_done.batch_uid, add_done.batch_uid);
  EXPECT_NE(add_done.batch_uid, three_done.batch_uid);
  // Once the index exists, its tasks batch again.
  EXPECT_EQ(three_done.batch_uid, four_done.batch_uid);
  EXPECT_EQ(mapper_->GetIndex("fresh")->document_count, 4u);
}

// A kill after the registry commit of an index creation, rename or deletion,
// before the outcome is recorded: the run after the restart reports the change
// it made before, not index_already_exists or index_not_found.
TEST_F(SchedulerTest, ACrashAfterACatalogueChangeReportsItDoneAtRestart) {
  struct Step {
    TaskKind kind;
    const char* index;
    boost::json::object params;
  };
  const std::vector<Step> steps = {
      {TaskKind::kIndexCreation, "shop", {{"primaryKey", "id"}}},
      {TaskKind::kIndexUpdate, "shop", {{"newUid", "store"}}},
      {TaskKind::kIndexDeletion, "seed", {}},
  };
  StartScheduler();
  Task add = Register(TaskKind::kDocumentAdditionOrUpdate, "seed", AddParams(), R"({"id":1})");
  ASSERT_EQ(Wait(add.uid).status, TaskStatus::kSucceeded);
  for (const Step& step : steps) {
    scheduler_->faults().halt_after_next_commit = true;
    Task task = Register(step.kind, step.index, step.params);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!scheduler_->halted() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    ASSERT_TRUE(scheduler_->halted()) << TaskKindName(step.kind);
    EXPECT_EQ(tasks_->Get(task.uid)->status, TaskStatus::kProcessing);
    Close();
    Open();
    StartScheduler();
    Task done = Wait(task.uid);
    ASSERT_EQ(done.status, TaskStatus::kSucceeded)
        << TaskKindName(step.kind) << ": " << done.error->message;
    if (step.kind == TaskKind::kIndexUpdate) {
      EXPECT_EQ(done.details.at("newIndexUid"), "store");
    }
    if (step.kind == TaskKind::kIndexDeletion) {
      EXPECT_EQ(done.details.at("deletedDocuments").to_number<uint64_t>(), 1u);
    }
  }
  EXPECT_FALSE(mapper_->Exists("shop"));
  EXPECT_TRUE(mapper_->Exists("store"));
  EXPECT_FALSE(mapper_->Exists("seed"));
  // A creation that finds the index there without having made it still fails.
  Task again = Register(TaskKind::kIndexCreation, "store");
  EXPECT_EQ(Wait(again.uid).error->code, "index_already_exists");
}

Task RegisterSwap(Scheduler& scheduler, std::vector<index_mapper::IndexSwap> swaps) {
  Task t;
  t.kind = TaskKind::kIndexSwap;
  t.details = SwapDetails(swaps);
  auto stored = scheduler.Register(std::move(t));
  EXPECT_TRUE(stored.ok()) << stored.status().ToString();
  return stored.ok() ? *stored : Task{};
}

TEST_F(SchedulerTest, SwapsIndexesWithTheirHistoryAndRenames) {
  StartScheduler();
  const Task to_a =
      Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":1},{"id":2}])");
  const Task to_b = Register(TaskKind::kDocumentAdditionOrUpdate, "b", AddParams(), R"({"id":1})");
  const Task to_c = Register(TaskKind::kDocumentAdditionOrUpdate, "c", AddParams(), R"({"id":1})");
  Wait(to_c.uid);
  const std::string uuid_a = mapper_->GetIndex("a")->uuid;
  const std::string uuid_c = mapper_->GetIndex("c")->uuid;
  Task swap = Wait(RegisterSwap(*scheduler_, {{"a", "b", false}, {"c", "d", true}}).uid);
  ASSERT_EQ(swap.status, TaskStatus::kSucceeded) << swap.error->message;
  EXPECT_FALSE(swap.index_uid.has_value());
  EXPECT_EQ(SwapsOf(swap.details).size(), 2u);
  EXPECT_EQ(mapper_->GetIndex("a")->document_count, 1u);
  EXPECT_EQ(mapper_->GetIndex("b")->document_count, 2u);
  EXPECT_EQ(mapper_->GetIndex("b")->uuid, uuid_a);
  EXPECT_FALSE(mapper_->Exists("c"));
  EXPECT_EQ(mapper_->GetIndex("d")->uuid, uuid_c);
  // The history follows the data; the swap itself stays global.
  EXPECT_EQ(tasks_->Get(to_a.uid)->index_uid, "b");
  EXPECT_EQ(tasks_->Get(to_b.uid)->index_uid, "a");
  EXPECT_EQ(tasks_->Get(to_c.uid)->index_uid, "d");
  TaskQuery query;
  query.index_uids = {"b"};
  auto page = tasks_->Query(query);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->results.size(), 1u);
  EXPECT_EQ(page->results[0].uid, to_a.uid);
  // A write after the swap acts on the index now under that name.
  Task after =
      Wait(Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"([{"id":7},{"id":8}])")
               .uid);
  ASSERT_EQ(after.status, TaskStatus::kSucceeded);
  EXPECT_EQ(mapper_->GetIndex("a")->document_count, 3u);
  EXPECT_EQ(mapper_->GetIndex("b")->document_count, 2u);
}

TEST_F(SchedulerTest, ASwapThatCannotBeMadeFailsAndChangesNothing) {
  StartScheduler();
  Register(TaskKind::kIndexCreation, "a");
  Wait(Register(TaskKind::kIndexCreation, "b").uid);
  const std::string uuid_a = mapper_->GetIndex("a")->uuid;
  // The first step could be made; the second names a missing index: none is.
  Task missing = Wait(RegisterSwap(*scheduler_, {{"a", "b", false}, {"x", "y", false}}).uid);
  EXPECT_EQ(missing.status, TaskStatus::kFailed);
  EXPECT_EQ(missing.error->code, "index_not_found");
  EXPECT_EQ(missing.error->message, "Indexes `x`, `y` not found.");
  Task taken = Wait(RegisterSwap(*scheduler_, {{"a", "b", true}}).uid);
  EXPECT_EQ(taken.error->code, "index_already_exists");
  EXPECT_EQ(mapper_->GetIndex("a")->uuid, uuid_a);
  EXPECT_TRUE(mapper_->Exists("b"));
}

// A kill after the registry commit of a swap: the restart reports it done and
// neither swaps the indexes back nor moves their history twice.
TEST_F(SchedulerTest, ACrashAfterASwapCommitSwapsOnce) {
  StartScheduler();
  const Task to_a = Register(TaskKind::kDocumentAdditionOrUpdate, "a", AddParams(), R"({"id":1})");
  Wait(Register(TaskKind::kIndexCreation, "b").uid);
  const std::string uuid_a = mapper_->GetIndex("a")->uuid;
  scheduler_->faults().halt_after_next_commit = true;
  Task swap = RegisterSwap(*scheduler_, {{"a", "b", false}});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!scheduler_->halted() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  ASSERT_TRUE(scheduler_->halted());
  EXPECT_EQ(mapper_->GetIndex("b")->uuid, uuid_a);  // committed, outcome not recorded
  EXPECT_EQ(tasks_->Get(to_a.uid)->index_uid, "a");
  Close();
  Open();
  StartScheduler();
  Task done = Wait(swap.uid);
  ASSERT_EQ(done.status, TaskStatus::kSucceeded) << done.error->message;
  EXPECT_EQ(mapper_->GetIndex("b")->uuid, uuid_a);
  EXPECT_EQ(tasks_->Get(to_a.uid)->index_uid, "b");
}

}  // namespace
}  // namespace myriad::scheduler
