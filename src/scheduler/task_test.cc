#include "scheduler/task.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "scheduler/task_record.h"

namespace myriad::scheduler {
namespace {

namespace json = boost::json;

constexpr int64_t kInstant = int64_t{1723136755} * 1'000'000'000;  // 2024-08-08T17:05:55Z

TEST(TaskNames, RoundTripEveryStatusAndKindWithMeilisearchSpelling) {
  const std::vector<std::pair<TaskStatus, std::string>> statuses = {
      {TaskStatus::kEnqueued, "enqueued"},
      {TaskStatus::kProcessing, "processing"},
      {TaskStatus::kSucceeded, "succeeded"},
      {TaskStatus::kFailed, "failed"},
      {TaskStatus::kCanceled, "canceled"}};
  for (const auto& [s, name] : statuses) {
    EXPECT_EQ(TaskStatusName(s), name);
    EXPECT_EQ(ParseTaskStatus(name), s);
  }
  const std::vector<std::pair<TaskKind, std::string>> kinds = {
      {TaskKind::kDocumentAdditionOrUpdate, "documentAdditionOrUpdate"},
      {TaskKind::kDocumentDeletion, "documentDeletion"},
      {TaskKind::kSettingsUpdate, "settingsUpdate"},
      {TaskKind::kIndexCreation, "indexCreation"},
      {TaskKind::kIndexUpdate, "indexUpdate"},
      {TaskKind::kIndexDeletion, "indexDeletion"},
      {TaskKind::kIndexSwap, "indexSwap"},
      {TaskKind::kTaskCancelation, "taskCancelation"},
      {TaskKind::kTaskDeletion, "taskDeletion"}};
  for (const auto& [k, name] : kinds) {
    EXPECT_EQ(TaskKindName(k), name);
    EXPECT_EQ(ParseTaskKind(name), k);
  }
  EXPECT_EQ(ParseTaskStatus("Enqueued"), std::nullopt);
  EXPECT_EQ(ParseTaskKind("documentAddition"), std::nullopt);
  EXPECT_EQ(ParseTaskKind("taskCancellation"), std::nullopt);
}

TEST(TaskNames, FinishedMeansSucceededFailedOrCanceled) {
  EXPECT_FALSE(IsFinished(TaskStatus::kEnqueued));
  EXPECT_FALSE(IsFinished(TaskStatus::kProcessing));
  EXPECT_TRUE(IsFinished(TaskStatus::kSucceeded));
  EXPECT_TRUE(IsFinished(TaskStatus::kFailed));
  EXPECT_TRUE(IsFinished(TaskStatus::kCanceled));
}

TEST(TaskToJson, EnqueuedTaskHasNullsAndNoDetails) {
  Task t;
  t.uid = 0;
  t.index_uid = "movies";
  t.kind = TaskKind::kIndexCreation;
  t.enqueued_at_ns = kInstant + 791'772'000;
  EXPECT_EQ(json::serialize(TaskToJson(t)),
            R"({"uid":0,"batchUid":null,"indexUid":"movies","status":"enqueued",)"
            R"("type":"indexCreation","canceledBy":null,"error":null,"duration":null,)"
            R"("enqueuedAt":"2024-08-08T17:05:55.791772Z","startedAt":null,"finishedAt":null})");
}

TEST(TaskToJson, FinishedTaskHasDetailsErrorDurationAndDates) {
  Task t;
  t.uid = 7;
  t.batch_uid = 3;
  t.status = TaskStatus::kFailed;
  t.kind = TaskKind::kDocumentAdditionOrUpdate;
  t.canceled_by = 9;
  t.details = {{"receivedDocuments", 7}, {"indexedDocuments", 0}};
  t.error = TaskError{"Index `movies` not found.", "index_not_found", "invalid_request",
                      "https://docs.meilisearch.com/errors#index_not_found"};
  t.enqueued_at_ns = kInstant;
  t.started_at_ns = kInstant + 1'000'000'000;
  t.finished_at_ns = kInstant + 1'012'345'000;
  t.params = {{"primaryKey", "id"}};
  json::object o = TaskToJson(t);
  EXPECT_EQ(o.at("uid"), 7);
  EXPECT_EQ(o.at("batchUid"), 3);
  EXPECT_TRUE(o.at("indexUid").is_null());
  EXPECT_EQ(o.at("status"), "failed");
  EXPECT_EQ(o.at("type"), "documentAdditionOrUpdate");
  EXPECT_EQ(o.at("canceledBy"), 9);
  EXPECT_EQ(o.at("details").at("receivedDocuments"), 7);
  EXPECT_EQ(o.at("error").at("code"), "index_not_found");
  EXPECT_EQ(o.at("error").at("link"), "https://docs.meilisearch.com/errors#index_not_found");
  EXPECT_EQ(o.at("duration"), "PT0.012345S");
  EXPECT_EQ(o.at("startedAt"), "2024-08-08T17:05:56Z");
  EXPECT_EQ(o.at("finishedAt"), "2024-08-08T17:05:56.012345Z");
  // Internal fields stay internal.
  EXPECT_FALSE(o.contains("params"));
  EXPECT_FALSE(o.contains("payloadUuid"));
}

TEST(TaskToJson, SummarizedUsesTaskUid) {
  Task t;
  t.uid = 12;
  t.kind = TaskKind::kTaskDeletion;
  t.enqueued_at_ns = kInstant;
  EXPECT_EQ(json::serialize(SummarizedTaskJson(t)),
            R"({"taskUid":12,"indexUid":null,"status":"enqueued","type":"taskDeletion",)"
            R"("enqueuedAt":"2024-08-08T17:05:55Z"})");
}

TEST(TaskRecord, RoundTripsEveryField) {
  Task t;
  t.uid = 42;
  t.batch_uid = 4;
  t.index_uid = "books";
  t.status = TaskStatus::kSucceeded;
  t.kind = TaskKind::kDocumentDeletion;
  t.canceled_by = 43;
  t.details = {{"providedIds", 2}, {"originalFilter", nullptr}};
  t.error = TaskError{"m", "c", "t", "l"};
  t.enqueued_at_ns = -5;
  t.started_at_ns = kInstant;
  t.finished_at_ns = kInstant + 1;
  t.payload_uuid = "0f2d3c4b-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  t.payload_bytes = uint64_t{1} << 40;
  t.params = {{"ids", json::array{"1", "2"}}, {"replace", true}};
  auto back = DecodeTaskRecord(EncodeTaskRecord(t));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, t);

  Task bare;
  bare.uid = 1;
  auto bare_back = DecodeTaskRecord(EncodeTaskRecord(bare));
  ASSERT_TRUE(bare_back.ok());
  EXPECT_EQ(*bare_back, bare);
}

TEST(TaskRecord, RefusesGarbageAsCorruption) {
  for (const char* bad : {"", "not json", "[]", R"({"uid":1})",
                          R"({"uid":1,"batch_uid":null,"index_uid":null,"status":"nope",)"
                          R"("kind":"indexCreation"})"}) {
    auto r = DecodeTaskRecord(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << bad;
  }
}

}  // namespace
}  // namespace myriad::scheduler
