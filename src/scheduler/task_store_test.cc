#include "scheduler/task_store.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "storage/storage_test_util.h"

namespace myriad::scheduler {
namespace {

using myriad::testing::TempDir;

Task NewTask(TaskKind kind, std::optional<std::string> index_uid) {
  Task t;
  t.kind = kind;
  t.index_uid = std::move(index_uid);
  return t;
}

std::unique_ptr<TaskStore> OpenStore(const TempDir& dir, bool no_sync = true) {
  auto store = TaskStore::Open(dir.Sub("tasks"), 0, no_sync);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

std::vector<uint32_t> UidsOf(const std::vector<Task>& tasks) {
  std::vector<uint32_t> uids;
  for (const Task& t : tasks) uids.push_back(t.uid);
  return uids;
}

// Marks `uid` finished with `status`, started at `start` and finished at `end`.
void Finish(TaskStore& store, uint32_t uid, TaskStatus status, int64_t start, int64_t end) {
  Task t = *store.Get(uid);
  t.status = status;
  t.batch_uid = uid / 2;
  t.started_at_ns = start;
  t.finished_at_ns = end;
  ASSERT_TRUE(store.Update(t).ok());
}

// A dump's history keeps its uids and times; the queue numbers on after it.
TEST(TaskStore, ImportKeepsUidsAndTheNextUidFollowsThem) {
  TempDir dir;
  auto store = OpenStore(dir);
  Task done = NewTask(TaskKind::kIndexCreation, "movies");
  done.uid = 3;
  done.status = TaskStatus::kSucceeded;
  done.enqueued_at_ns = 1'000;
  done.started_at_ns = 2'000;
  done.finished_at_ns = 3'000;
  Task interrupted = NewTask(TaskKind::kIndexDeletion, "movies");
  interrupted.uid = 41;
  interrupted.status = TaskStatus::kProcessing;
  interrupted.batch_uid = 7;
  interrupted.enqueued_at_ns = 4'000;
  interrupted.started_at_ns = 5'000;
  ASSERT_TRUE(store->Import({done, interrupted}).ok());
  EXPECT_EQ(*store->Get(3), done);
  Task requeued = *store->Get(41);
  EXPECT_EQ(requeued.status, TaskStatus::kEnqueued);
  EXPECT_FALSE(requeued.batch_uid || requeued.started_at_ns);
  EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{41}));
  EXPECT_EQ(store->Enqueue(NewTask(TaskKind::kIndexCreation, "films"))->uid, 42u);
  std::vector<uint32_t> walked;
  ASSERT_TRUE(store
                  ->ForEach([&](const Task& t) {
                    walked.push_back(t.uid);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(walked, (std::vector<uint32_t>{3, 41, 42}));
  // A uid taken refuses the whole import.
  Task again = done;
  Task fresh = done;
  fresh.uid = 100;
  EXPECT_EQ(store->Import({fresh, again}).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store->Get(100).status().code(), StatusCode::kNotFound);
}

TEST(TaskStore, EnqueueAssignsIncreasingUidsAndTimeDurably) {
  TempDir dir;
  {
    // With sync on, as in production: committed before Enqueue returns.
    auto store = OpenStore(dir, /*no_sync=*/false);
    Task t = NewTask(TaskKind::kDocumentAdditionOrUpdate, "movies");
    t.uid = 99;                         // ignored
    t.status = TaskStatus::kSucceeded;  // ignored
    t.payload_uuid = "0f2d3c4b-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
    t.payload_bytes = 123;
    t.params = {{"primaryKey", "id"}, {"csvDelimiter", ";"}};
    t.details = {{"receivedDocuments", 7}, {"indexedDocuments", nullptr}};
    auto first = store->Enqueue(t);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(first->uid, 0u);
    EXPECT_EQ(first->status, TaskStatus::kEnqueued);
    EXPECT_GT(first->enqueued_at_ns, int64_t{1'700'000'000} * 1'000'000'000);
    auto second = store->Enqueue(NewTask(TaskKind::kIndexCreation, "books"));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->uid, 1u);
    EXPECT_GE(second->enqueued_at_ns, first->enqueued_at_ns);
  }
  auto store = OpenStore(dir);
  auto got = store->Get(0);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->payload_uuid, "0f2d3c4b-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
  EXPECT_EQ(got->payload_bytes, 123u);
  EXPECT_EQ(got->params.at("csvDelimiter"), ";");
  EXPECT_EQ(got->details.at("receivedDocuments"), 7);
  EXPECT_EQ(got->status, TaskStatus::kEnqueued);
  // The uid counter survives the reopen.
  EXPECT_EQ(store->Enqueue(NewTask(TaskKind::kIndexDeletion, "x"))->uid, 2u);
  EXPECT_EQ(*store->Count(), 3u);
}

TEST(TaskStore, GetOfAnUnknownTaskIsNotFound) {
  TempDir dir;
  auto store = OpenStore(dir);
  auto got = store->Get(5);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.status().message(), "Task `5` not found.");
  Task ghost = NewTask(TaskKind::kIndexCreation, "x");
  ghost.uid = 5;
  EXPECT_EQ(store->Update(ghost).code(), StatusCode::kNotFound);
}

TEST(TaskStore, UpdateMovesTheTaskBetweenStatusIndexes) {
  TempDir dir;
  auto store = OpenStore(dir);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(store->Enqueue(NewTask(TaskKind::kIndexCreation, "a")).ok());
  EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{0, 1, 2}));
  Task t = *store->Get(1);
  t.status = TaskStatus::kProcessing;
  t.batch_uid = 0;
  t.started_at_ns = 10;
  ASSERT_TRUE(store->Update(t).ok());
  EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{0, 2}));
  TaskQuery processing;
  processing.statuses = {{TaskStatus::kProcessing}};
  EXPECT_EQ(*store->MatchingUids(processing), (std::vector<uint32_t>{1}));

  t.status = TaskStatus::kFailed;
  t.finished_at_ns = 20;
  t.error = TaskError{"Index `a` already exists.", "index_already_exists", "invalid_request",
                      "https://docs.meilisearch.com/errors#index_already_exists"};
  ASSERT_TRUE(store->Update(t).ok());
  EXPECT_TRUE(store->MatchingUids(processing)->empty());
  EXPECT_EQ(*store->Get(1), t);
}

TEST(TaskStore, EnqueuedWindowKeepsLaterCancelationsAndDeletions) {
  TempDir dir;
  auto store = OpenStore(dir);
  for (TaskKind kind : {TaskKind::kTaskCancelation, TaskKind::kIndexCreation,
                        TaskKind::kIndexCreation, TaskKind::kIndexCreation, TaskKind::kTaskDeletion,
                        TaskKind::kIndexCreation, TaskKind::kTaskCancelation}) {
    ASSERT_TRUE(store->Enqueue(NewTask(kind, "a")).ok());
  }
  Finish(*store, 6, TaskStatus::kSucceeded, 5, 6);  // a finished one stays out
  EXPECT_EQ(UidsOf(*store->Enqueued(2)), (std::vector<uint32_t>{0, 1, 4}));
  EXPECT_EQ(UidsOf(*store->Enqueued(6)), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{0, 1, 2, 3, 4, 5}));
}

TEST(TaskStore, UpdateAllIsAllOrNothing) {
  TempDir dir;
  auto store = OpenStore(dir);
  Task a = *store->Enqueue(NewTask(TaskKind::kSettingsUpdate, "a"));
  a.status = TaskStatus::kSucceeded;
  Task ghost = a;
  ghost.uid = 77;
  EXPECT_EQ(store->UpdateAll({a, ghost}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store->Get(0)->status, TaskStatus::kEnqueued);
  ASSERT_TRUE(store->UpdateAll({a}).ok());
  EXPECT_EQ(store->Get(0)->status, TaskStatus::kSucceeded);
}

TEST(TaskStore, RequeueProcessingPutsTasksBackInTheQueue) {
  TempDir dir;
  {
    auto store = OpenStore(dir);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(store->Enqueue(NewTask(TaskKind::kDocumentAdditionOrUpdate, "a")).ok());
    }
    for (uint32_t uid : {0u, 1u}) {
      Task t = *store->Get(uid);
      t.status = TaskStatus::kProcessing;
      t.batch_uid = 0;
      t.started_at_ns = 5;
      ASSERT_TRUE(store->Update(t).ok());
    }
    Finish(*store, 0, TaskStatus::kSucceeded, 5, 6);
    EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{2}));
  }
  // As after a crash mid-batch.
  auto store = OpenStore(dir);
  ASSERT_TRUE(store->RequeueProcessing().ok());
  EXPECT_EQ(UidsOf(*store->Enqueued()), (std::vector<uint32_t>{1, 2}));
  Task requeued = *store->Get(1);
  EXPECT_EQ(requeued.status, TaskStatus::kEnqueued);
  EXPECT_EQ(requeued.batch_uid, std::nullopt);
  EXPECT_EQ(requeued.started_at_ns, std::nullopt);
  EXPECT_EQ(store->Get(0)->status, TaskStatus::kSucceeded);
}

// Ten tasks over two indexes and a global one, with known statuses and times.
class TaskQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore(dir_);
    for (uint32_t i = 0; i < 10; ++i) {
      TaskKind kind = i % 3 == 0
                          ? TaskKind::kDocumentAdditionOrUpdate
                          : (i % 3 == 1 ? TaskKind::kSettingsUpdate : TaskKind::kIndexCreation);
      std::optional<std::string> index =
          i == 9 ? std::nullopt : std::optional<std::string>(i % 2 ? "odd" : "even");
      if (i == 9) kind = TaskKind::kTaskDeletion;
      Task t = *store_->Enqueue(NewTask(kind, index));
      enqueued_at_.push_back(t.enqueued_at_ns);
    }
    // 0..5 finished at known times, 6 processing, 7..9 enqueued.
    for (uint32_t i = 0; i < 6; ++i) {
      Finish(*store_, i, i == 2 ? TaskStatus::kFailed : TaskStatus::kSucceeded, 1000 + i * 10,
             1005 + i * 10);
    }
    Task p = *store_->Get(6);
    p.status = TaskStatus::kProcessing;
    p.started_at_ns = 2000;
    ASSERT_TRUE(store_->Update(p).ok());
    Task c = *store_->Get(8);
    c.canceled_by = 9;
    ASSERT_TRUE(store_->Update(c).ok());
  }

  std::vector<uint32_t> ResultUids(const TaskQuery& q) {
    auto page = store_->Query(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return UidsOf(page->results);
  }

  TempDir dir_;
  std::unique_ptr<TaskStore> store_;
  std::vector<int64_t> enqueued_at_;
};

TEST_F(TaskQueryTest, DefaultIsNewestFirstWithTotalAndNext) {
  TaskQuery q;
  auto page = *store_->Query(q);
  EXPECT_EQ(UidsOf(page.results), (std::vector<uint32_t>{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(page.total, 10u);
  EXPECT_EQ(page.limit, 20u);
  EXPECT_EQ(page.from, 9u);
  EXPECT_EQ(page.next, std::nullopt);

  q.limit = 3;
  page = *store_->Query(q);
  EXPECT_EQ(UidsOf(page.results), (std::vector<uint32_t>{9, 8, 7}));
  EXPECT_EQ(page.total, 10u);
  EXPECT_EQ(page.next, 6u);

  boost::json::object o = TaskPageToJson(page);
  EXPECT_EQ(o.at("results").as_array().size(), 3u);
  EXPECT_EQ(o.at("results").as_array()[0].at("uid"), 9);
  EXPECT_EQ(o.at("total"), 10);
  EXPECT_EQ(o.at("limit"), 3);
  EXPECT_EQ(o.at("from"), 9);
  EXPECT_EQ(o.at("next"), 6);
}

TEST_F(TaskQueryTest, FromIsInclusiveAndReverseAscends) {
  TaskQuery q;
  q.from = 4;
  q.limit = 1;
  auto page = *store_->Query(q);
  EXPECT_EQ(UidsOf(page.results), (std::vector<uint32_t>{4}));
  EXPECT_EQ(page.next, 3u);  // from=X&limit=1 gives next = X-1
  EXPECT_EQ(page.total, 10u);

  q.reverse = true;
  q.limit = 2;
  page = *store_->Query(q);
  EXPECT_EQ(UidsOf(page.results), (std::vector<uint32_t>{4, 5}));
  EXPECT_EQ(page.next, 6u);

  q.from = 0;
  q.reverse = false;
  page = *store_->Query(q);
  EXPECT_EQ(UidsOf(page.results), (std::vector<uint32_t>{0}));
  EXPECT_EQ(page.next, std::nullopt);

  q.from = 1000;  // beyond the newest: starts at the newest
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{9, 8}));
  q.reverse = true;  // beyond the newest, ascending: nothing
  page = *store_->Query(q);
  EXPECT_TRUE(page.results.empty());
  EXPECT_EQ(page.from, std::nullopt);
  EXPECT_EQ(page.total, 10u);
}

TEST_F(TaskQueryTest, FiltersOnIndexedFieldsIntersect) {
  TaskQuery q;
  q.statuses = {{TaskStatus::kSucceeded}};
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{5, 4, 3, 1, 0}));
  q.statuses = {{TaskStatus::kSucceeded, TaskStatus::kFailed}};
  q.index_uids = {{"even"}};
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{4, 2, 0}));
  q.types = {{TaskKind::kDocumentAdditionOrUpdate}};
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{0}));
  EXPECT_EQ(store_->Query(q)->total, 1u);

  TaskQuery by_type;
  by_type.types = {{TaskKind::kTaskDeletion, TaskKind::kIndexCreation}};
  EXPECT_EQ(ResultUids(by_type), (std::vector<uint32_t>{9, 8, 5, 2}));

  TaskQuery by_index;
  by_index.index_uids = {{"odd", "nope"}};
  EXPECT_EQ(ResultUids(by_index), (std::vector<uint32_t>{7, 5, 3, 1}));
  // An index uid is not a prefix match: "eve" finds nothing of "even".
  by_index.index_uids = {{"eve"}};
  EXPECT_TRUE(ResultUids(by_index).empty());
}

TEST_F(TaskQueryTest, UidsBatchUidsAndCanceledBy) {
  TaskQuery q;
  q.uids = {{3, 7, 42}};  // 42 does not exist
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{7, 3}));
  EXPECT_EQ(store_->Query(q)->total, 2u);
  q.statuses = {{TaskStatus::kEnqueued}};
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{7}));

  TaskQuery batches;
  batches.batch_uids = {{1}};  // Finish() put uid in batch uid/2
  EXPECT_EQ(ResultUids(batches), (std::vector<uint32_t>{3, 2}));

  TaskQuery canceled;
  canceled.canceled_by = {{9}};
  EXPECT_EQ(ResultUids(canceled), (std::vector<uint32_t>{8}));
  canceled.canceled_by = {{8}};
  EXPECT_TRUE(ResultUids(canceled).empty());
}

TEST_F(TaskQueryTest, DateBoundsAreExclusiveAndNeedTheInstant) {
  TaskQuery q;
  q.after_started_at_ns = 1020;  // started at 1000,1010,1020,1030,1040,1050; 6 at 2000
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{6, 5, 4, 3}));
  q.before_started_at_ns = 1050;
  EXPECT_EQ(ResultUids(q), (std::vector<uint32_t>{4, 3}));

  TaskQuery finished;
  finished.before_finished_at_ns = 1015;  // finished at 1005, 1015, ...
  EXPECT_EQ(ResultUids(finished), (std::vector<uint32_t>{0}));
  finished.before_finished_at_ns.reset();
  finished.after_finished_at_ns = 0;  // only finished tasks have the instant
  EXPECT_EQ(ResultUids(finished), (std::vector<uint32_t>{5, 4, 3, 2, 1, 0}));

  TaskQuery enqueued;
  enqueued.after_enqueued_at_ns = enqueued_at_[7];
  std::vector<uint32_t> got = ResultUids(enqueued);
  for (uint32_t uid : got) EXPECT_GT(enqueued_at_[uid], enqueued_at_[7]);
  EXPECT_EQ(std::count(got.begin(), got.end(), 7u), 0);
  enqueued.after_enqueued_at_ns.reset();
  enqueued.before_enqueued_at_ns = enqueued_at_[0];
  EXPECT_TRUE(ResultUids(enqueued).empty());
  enqueued.before_enqueued_at_ns = enqueued_at_[9] + 1;
  EXPECT_EQ(ResultUids(enqueued).size(), 10u);
}

TEST_F(TaskQueryTest, MatchesTaskQueryAgreesWithTheStore) {
  TaskQuery q;
  q.statuses = {{TaskStatus::kSucceeded}};
  q.index_uids = {{"odd"}};
  q.after_finished_at_ns = 1010;
  std::vector<uint32_t> expected;
  for (uint32_t uid = 0; uid < 10; ++uid) {
    if (MatchesTaskQuery(q, *store_->Get(uid))) expected.push_back(uid);
  }
  EXPECT_EQ(expected, (std::vector<uint32_t>{1, 3, 5}));  // finished at 1015, 1035, 1055
  EXPECT_EQ(*store_->MatchingUids(q), expected);
}

TEST_F(TaskQueryTest, DeleteRemovesOnlyFinishedTasksFromEveryIndex) {
  auto deleted = store_->Delete({0, 2, 6, 7, 42, 0});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2u);  // 6 processing, 7 enqueued, 42 unknown
  EXPECT_EQ(store_->Get(0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Get(2).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Get(6).ok());
  EXPECT_TRUE(store_->Get(7).ok());
  TaskQuery even;
  even.index_uids = {{"even"}};
  EXPECT_EQ(ResultUids(even), (std::vector<uint32_t>{8, 6, 4}));
  TaskQuery failed;
  failed.statuses = {{TaskStatus::kFailed}};
  EXPECT_TRUE(ResultUids(failed).empty());
  EXPECT_EQ(store_->Query(TaskQuery{})->total, 8u);
}

TEST_F(TaskQueryTest, DeleteOldestFinishedKeepsTheNewestAndUnfinished) {
  EXPECT_EQ(*store_->DeleteOldestFinished(10), 0u);
  EXPECT_EQ(*store_->DeleteOldestFinished(7), 3u);
  EXPECT_EQ(UidsOf(store_->Query(TaskQuery{})->results),
            (std::vector<uint32_t>{9, 8, 7, 6, 5, 4, 3}));
  // Only 3 finished tasks remain: the unfinished four are never deleted.
  EXPECT_EQ(*store_->DeleteOldestFinished(0), 3u);
  EXPECT_EQ(UidsOf(store_->Query(TaskQuery{})->results), (std::vector<uint32_t>{9, 8, 7, 6}));
}

TEST(TaskStore, GrowsItsMapUpToTheCapThenRefuses) {
  TempDir dir;
  // 1 MiB map, 64 MiB cap.
  auto opened = TaskStore::Open(dir.Sub("tasks"), kMiB, true, 64 * kMiB);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto store = std::move(opened).value();
  const std::string blob(16 * kKiB, 'x');
  for (int i = 0; i < 200; ++i) {  // ~3.2 MiB of details
    Task t = NewTask(TaskKind::kSettingsUpdate, "a");
    t.details = {{"blob", blob}};
    auto r = store->Enqueue(t);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_GT(store->map_size(), kMiB);
  EXPECT_EQ(store->Get(199)->details.at("blob").as_string(), blob);
  EXPECT_FALSE(store->NearlyFull());
}

TEST(TaskStore, NearlyFullRefusesAllButCancelAndDeleteUntilTasksAreDeleted) {
  TempDir dir;
  auto opened = TaskStore::Open(dir.Sub("tasks"), 0, true, 2 * kMiB);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto store = std::move(opened).value();
  const std::string blob(8 * kKiB, 'x');
  int enqueued = 0;
  while (!store->NearlyFull()) {
    Task t = NewTask(TaskKind::kDocumentAdditionOrUpdate, "a");
    t.details = {{"blob", blob}};
    auto r = store->Enqueue(t);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_LT(++enqueued, 1000) << "never nearly full";
  }
  auto refused = store->Enqueue(NewTask(TaskKind::kIndexCreation, "b"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("nearly full"), std::string::npos);
  auto cancel = store->Enqueue(NewTask(TaskKind::kTaskCancelation, std::nullopt));
  ASSERT_TRUE(cancel.ok()) << cancel.status().ToString();
  auto deletion = store->Enqueue(NewTask(TaskKind::kTaskDeletion, std::nullopt));
  ASSERT_TRUE(deletion.ok()) << deletion.status().ToString();

  // Finishing and deleting most tasks frees their pages: new tasks are accepted again.
  std::vector<Task> finished = *store->Enqueued();
  std::vector<uint32_t> uids;
  for (Task& t : finished) {
    t.status = TaskStatus::kSucceeded;
    uids.push_back(t.uid);
  }
  // One at a time, as batches record their outcomes: a single transaction
  // rewriting 90% of a full store could not fit its copy-on-write pages.
  for (const Task& t : finished) {
    Status st = store->Update(t);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_EQ(*store->Delete(uids), uids.size());
  EXPECT_FALSE(store->NearlyFull());
  EXPECT_TRUE(store->Enqueue(NewTask(TaskKind::kIndexCreation, "b")).ok());
}

TEST(TaskStore, ConcurrentEnqueuesGetDistinctConsecutiveUids) {
  TempDir dir;
  auto store = OpenStore(dir);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<std::vector<uint32_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kPerThread; ++j) {
        auto t = store->Enqueue(NewTask(TaskKind::kDocumentAdditionOrUpdate, "a"));
        if (t.ok()) got[i].push_back(t->uid);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<uint32_t> all;
  for (auto& g : got) all.insert(all.end(), g.begin(), g.end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), size_t{kThreads * kPerThread});
  for (uint32_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
  EXPECT_EQ(store->Enqueued()->size(), all.size());
}

}  // namespace
}  // namespace myriad::scheduler
