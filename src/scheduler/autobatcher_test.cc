#include "scheduler/autobatcher.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>

#include "scheduler/index_swap.h"

namespace myriad::scheduler {
namespace {

using K = TaskKind;

// Builds an enqueued queue in uid order from compact descriptions.
struct Spec {
  K kind;
  const char* index;  // nullptr for global tasks
  uint64_t payload_bytes = 0;
  const char* primary_key = nullptr;
  bool by_ids = true;             // for document deletions: by ids, else by filter
  const char* new_uid = nullptr;  // index updates: a rename to this uid; swaps: the rhs
};

// Every index of the tables exists but "new".
bool Exists(const std::string& uid) { return uid != "new"; }

std::vector<Task> Queue(const std::vector<Spec>& specs) {
  std::vector<Task> tasks;
  uint32_t uid = 0;
  for (const Spec& s : specs) {
    Task t;
    t.uid = uid++;
    t.kind = s.kind;
    if (s.index) t.index_uid = s.index;
    if (s.kind == K::kIndexSwap) {
      t.details = SwapDetails({{s.index, s.new_uid, false}});
      t.index_uid.reset();  // a swap is a global task
    }
    t.payload_bytes = s.payload_bytes;
    if (s.primary_key) t.params["primaryKey"] = s.primary_key;
    if (s.new_uid && s.kind == K::kIndexUpdate) t.params["newUid"] = s.new_uid;
    if (s.kind == K::kDocumentDeletion) {
      if (s.by_ids) {
        t.params["ids"] = boost::json::array{"1"};
      } else {
        t.params["filter"] = "genre = horror";
      }
    }
    tasks.push_back(std::move(t));
  }
  return tasks;
}

struct Case {
  const char* name;
  std::vector<Spec> queue;
  std::vector<uint32_t> expected_uids;
  BatchLimits limits = {};
};

constexpr K kAdd = K::kDocumentAdditionOrUpdate;
constexpr K kDel = K::kDocumentDeletion;
constexpr K kSet = K::kSettingsUpdate;

class NextBatchTable : public ::testing::TestWithParam<Case> {};

TEST_P(NextBatchTable, PicksTheExpectedTasks) {
  const Case& c = GetParam();
  std::vector<Task> queue = Queue(c.queue);
  Batch batch = NextBatch(queue, Exists, c.limits);
  EXPECT_EQ(batch.task_uids, c.expected_uids) << c.name;
  if (!batch.empty()) {
    const Task& first = queue[batch.task_uids.front()];
    EXPECT_EQ(batch.kind, first.kind) << c.name;
    EXPECT_EQ(batch.index_uid, first.index_uid) << c.name;
    for (uint32_t uid : batch.task_uids) {
      EXPECT_EQ(queue[uid].index_uid, first.index_uid) << c.name << ": one index per batch";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Autobatcher, NextBatchTable,
    ::testing::Values(
        Case{"empty queue", {}, {}},
        Case{"on a missing index the first task runs alone (it may create the index)",
             {{kDel, "new"}, {kAdd, "new"}, {kAdd, "new"}},
             {0}},
        Case{"settings too", {{kSet, "new"}, {kSet, "new"}}, {0}},
        Case{"documents additions and deletions by id batch together",
             {{kAdd, "a"}, {kDel, "a"}, {kAdd, "a"}},
             {0, 1, 2}},
        Case{"other indexes' tasks in between do not break the batch",
             {{kAdd, "a"}, {kAdd, "b"}, {K::kIndexCreation, "c"}, {kAdd, "a"}, {kSet, "b"}},
             {0, 3}},
        Case{"settings stop a document batch", {{kAdd, "a"}, {kSet, "a"}, {kAdd, "a"}}, {0}},
        Case{"settings batch together, documents stop them",
             {{kSet, "a"}, {kSet, "a"}, {kAdd, "a"}, {kSet, "a"}},
             {0, 1}},
        Case{"deletion by filter stops a document batch",
             {{kAdd, "a"}, {kDel, "a", 0, nullptr, false}, {kAdd, "a"}},
             {0}},
        Case{"deletion by filter runs alone", {{kDel, "a", 0, nullptr, false}, {kAdd, "a"}}, {0}},
        Case{
            "index creation runs alone", {{K::kIndexCreation, "a"}, {kAdd, "a"}, {kAdd, "a"}}, {0}},
        Case{"index update runs alone", {{K::kIndexUpdate, "a"}, {K::kIndexUpdate, "a"}}, {0}},
        Case{"index deletion stops a document batch and runs alone later",
             {{kAdd, "a"}, {K::kIndexDeletion, "a"}, {kAdd, "a"}},
             {0}},
        Case{"a rename onto the index stops its batch: the tasks after it see the renamed index",
             {{kDel, "b"}, {K::kIndexUpdate, "a", 0, nullptr, true, "b"}, {kAdd, "b"}},
             {0}},
        Case{"a rename onto the index stops a settings batch too",
             {{kSet, "b"}, {K::kIndexUpdate, "a", 0, nullptr, true, "b"}, {kSet, "b"}},
             {0}},
        Case{"a rename onto another index does not",
             {{kAdd, "b"}, {K::kIndexUpdate, "a", 0, nullptr, true, "c"}, {kAdd, "b"}},
             {0, 2}},
        Case{"index swap is global and alone",
             {{K::kIndexSwap, "x", 0, nullptr, true, "y"}, {kAdd, "a"}},
             {0}},
        Case{"a swap of the index stops its batch: the tasks after it see the swapped index",
             {{kAdd, "b"}, {K::kIndexSwap, "a", 0, nullptr, true, "b"}, {kAdd, "b"}},
             {0}},
        Case{"a swap of other indexes does not",
             {{kAdd, "b"}, {K::kIndexSwap, "a", 0, nullptr, true, "c"}, {kAdd, "b"}},
             {0, 2}},
        Case{"the oldest task picks the index",
             {{kSet, "b"}, {kAdd, "a"}, {kAdd, "a"}, {kSet, "b"}},
             {0, 3}},
        Case{"different primary keys stop a batch",
             {{kAdd, "a", 0, "id"}, {kAdd, "a"}, {kAdd, "a", 0, "id"}, {kAdd, "a", 0, "sku"}},
             {0, 1, 2}},
        Case{"a primary key after tasks without one joins",
             {{kAdd, "a"}, {kAdd, "a", 0, "id"}, {kAdd, "a", 0, "ref"}},
             {0, 1}},
        Case{"cancelation first, alone, oldest first",
             {{kAdd, "a"},
              {K::kTaskDeletion, nullptr},
              {K::kTaskCancelation, nullptr},
              {K::kTaskCancelation, nullptr}},
             {2}},
        Case{"task deletions next, all together",
             {{kAdd, "a"}, {K::kTaskDeletion, nullptr}, {kAdd, "a"}, {K::kTaskDeletion, nullptr}},
             {1, 3}},
        Case{"count limit",
             {{kAdd, "a"}, {kAdd, "a"}, {kAdd, "a"}, {kAdd, "a"}},
             {0, 1},
             BatchLimits{2, 100}},
        Case{
            "count limit bounds task deletions too",
            {{K::kTaskDeletion, nullptr}, {K::kTaskDeletion, nullptr}, {K::kTaskDeletion, nullptr}},
            {0, 1},
            BatchLimits{2, 100}},
        Case{"payload limit stops at the task that would pass it",
             {{kAdd, "a", 40}, {kAdd, "a", 50}, {kAdd, "a", 20}, {kAdd, "a", 1}},
             {0, 1},
             BatchLimits{1000, 100}},
        Case{"payload limit counts exactly",
             {{kAdd, "a", 40}, {kAdd, "a", 60}, {kAdd, "a", 1}},
             {0, 1},
             BatchLimits{1000, 100}},
        Case{"an oversized first task still runs, alone",
             {{kAdd, "a", 500}, {kAdd, "a", 1}},
             {0},
             BatchLimits{1000, 100}}),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      std::string name;
      for (const char* p = param_info.param.name; *p; ++p) {
        name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
      }
      return name;
    });

TEST(NextBatch, DefaultLimitsAreAThousandTasksAnd100MiB) {
  BatchLimits limits;
  EXPECT_EQ(limits.max_tasks, 1000u);
  EXPECT_EQ(limits.max_payload_bytes, 100 * kMiB);
  std::vector<Spec> specs(1500, Spec{kAdd, "a", 1});
  EXPECT_EQ(NextBatch(Queue(specs), Exists).task_uids.size(), 1000u);
  std::vector<Spec> big(10, Spec{kAdd, "a", 30 * kMiB});
  EXPECT_EQ(NextBatch(Queue(big), Exists).task_uids.size(), 3u);
}

}  // namespace
}  // namespace myriad::scheduler
