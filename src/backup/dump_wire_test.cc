#include "backup/dump_wire.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "util/rfc3339.h"

namespace myriad::backup {
namespace {

using scheduler::Task;
using scheduler::TaskKind;
using scheduler::TaskStatus;

Task Finished(TaskKind kind, boost::json::object params, boost::json::object details) {
  Task t;
  t.uid = 7;
  t.batch_uid = 6;
  t.index_uid = "movies";
  t.status = TaskStatus::kSucceeded;
  t.kind = kind;
  t.params = std::move(params);
  t.details = std::move(details);
  t.enqueued_at_ns = 1'700'000'000'123'456'000;
  t.started_at_ns = t.enqueued_at_ns + 1000;
  t.finished_at_ns = t.enqueued_at_ns + 2000;
  return t;
}

// What a user sees of a task (GET /tasks) is the same after a dump and back.
TEST(DumpWire, EveryTaskKindRoundTripsAsItsHttpView) {
  std::vector<Task> tasks = {
      Finished(TaskKind::kDocumentAdditionOrUpdate,
               {{"format", "json"}, {"replace", false}, {"primaryKey", "id"}},
               {{"receivedDocuments", 3}, {"indexedDocuments", 2}}),
      Finished(TaskKind::kDocumentDeletion, {{"ids", boost::json::array{"1", "2"}}},
               {{"providedIds", 2}, {"deletedDocuments", 1}}),
      Finished(TaskKind::kDocumentDeletion, {{"all", true}}, {{"deletedDocuments", 5}}),
      Finished(TaskKind::kDocumentDeletion, {{"filter", "genre = horror"}},
               {{"originalFilter", "\"genre = horror\""}, {"deletedDocuments", 0}}),
      Finished(TaskKind::kSettingsUpdate, {{"settings", {{"stopWords", {"the"}}}}},
               {{"stopWords", {"the"}}}),
      Finished(TaskKind::kIndexCreation, {{"primaryKey", "id"}}, {{"primaryKey", "id"}}),
      Finished(TaskKind::kIndexUpdate, {{"newUid", "films"}},
               {{"primaryKey", nullptr}, {"oldIndexUid", "movies"}, {"newIndexUid", "films"}}),
      Finished(TaskKind::kIndexDeletion, {}, {{"deletedDocuments", 4}}),
      Finished(TaskKind::kIndexSwap, {},
               {{"swaps", {{{"indexes", {"a", "b"}}, {"rename", false}}}}}),
      Finished(TaskKind::kTaskCancelation, {{"uids", {1, 5, 70000}}},
               {{"matchedTasks", 3}, {"canceledTasks", 1}, {"originalFilter", "?uids=1,5,70000"}}),
      Finished(TaskKind::kTaskDeletion, {{"uids", {2}}},
               {{"matchedTasks", 1}, {"deletedTasks", 1}, {"originalFilter", "?uids=2"}}),
      Finished(TaskKind::kDumpCreation, {}, {{"dumpUid", "20240101-000000000"}}),
  };
  tasks[0].custom_metadata = "import of 2024-01-01";
  for (const Task& t : tasks) {
    const boost::json::object line = TaskToDump(t);
    // Through text, as the file holds it.
    auto back = TaskFromDump(boost::json::parse(boost::json::serialize(line)));
    ASSERT_TRUE(back.ok()) << back.status().ToString() << " " << boost::json::serialize(line);
    EXPECT_EQ(scheduler::TaskToJson(*back), scheduler::TaskToJson(t))
        << boost::json::serialize(line);
  }
}

// The cancelation's tasks travel as roaring's portable bytes, as roaring-rs
// serializes a bitmap through serde; an enqueued cancelation still knows them.
TEST(DumpWire, ATaskBitmapKeepsItsUids) {
  Task t = Finished(TaskKind::kTaskCancelation, {{"uids", {1, 5, 70000}}}, {});
  t.status = TaskStatus::kEnqueued;
  const boost::json::object line = TaskToDump(t);
  const boost::json::value& bytes = line.at("type").at("taskCancelation").at("tasks");
  ASSERT_TRUE(bytes.is_array());
  EXPECT_EQ(bytes.as_array()[0], 58);  // SERIAL_COOKIE_NO_RUNCONTAINER, little-endian: 12346
  auto back = TaskFromDump(line);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->params.at("uids"), (boost::json::array{1, 5, 70000}));
}

// A line as Meilisearch v1.x writes it (serde's shapes, snake_case inside).
TEST(DumpWire, ReadsMeilisearchsTaskLines) {
  auto t = TaskFromDump(boost::json::parse(R"({"uid":0,"indexUid":"test","status":"succeeded",
      "type":{"documentImport":{"primary_key":null,"method":"UpdateDocuments",
      "documents_count":1,"allow_index_creation":false}},
      "details":{"DocumentAdditionOrUpdate":{"received_documents":1,"indexed_documents":1}},
      "enqueuedAt":"2023-07-06T07:07:41.361122Z","startedAt":"2023-07-06T07:07:41.364235Z",
      "finishedAt":"2023-07-06T07:07:41.411453Z"})"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->kind, TaskKind::kDocumentAdditionOrUpdate);
  EXPECT_EQ(t->params.at("format"), "ndjson");
  EXPECT_EQ(t->params.at("replace"), false);
  EXPECT_EQ(t->params.at("allowIndexCreation"), false);
  EXPECT_EQ(t->details.at("receivedDocuments"), 1);
  EXPECT_EQ(FormatRfc3339(t->enqueued_at_ns), "2023-07-06T07:07:41.361122Z");
  auto settings = TaskFromDump(boost::json::parse(R"({"uid":1,"indexUid":"test",
      "status":"enqueued","type":{"settings":{"settings":{"stopWords":["a"]},
      "is_deletion":false,"allow_index_creation":true}},"enqueuedAt":"2023-07-06T07:07:41Z"})"));
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->params.at("settings"), (boost::json::object{{"stopWords", {"a"}}}));
  EXPECT_EQ(settings->details, (boost::json::object{{"stopWords", {"a"}}}));
  EXPECT_EQ(TaskFromDump(boost::json::parse(R"({"uid":2,"indexUid":null,"status":"succeeded",
      "type":"upgradeDatabase","enqueuedAt":"2023-07-06T07:07:41Z"})"))
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(TaskFromDump(boost::json::parse(R"({"uid":3,"status":"done","type":"indexDeletion",
      "enqueuedAt":"2023-07-06T07:07:41Z"})"))
                   .ok());
}

TEST(DumpWire, KeysRoundTripAndMalformedOnesAreRefused) {
  auth::ApiKey key;
  key.uid = "01b4bc42-eb33-4041-b481-254d00cce834";
  key.name = "front";
  key.actions = {"search", "documents.*"};
  key.indexes = {"movies*"};
  key.expires_at_ns = 2'000'000'000'000'000'000;
  key.created_at_ns = 1'000'000'000'000'000'000;
  key.updated_at_ns = 1'500'000'000'000'000'000;
  const boost::json::object line = KeyToDump(key);
  EXPECT_EQ(line.at("expires_at"), "2033-05-18T03:33:20Z");
  auto back = KeyFromDump(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, key);
  boost::json::object bad = line;
  bad["uid"] = "not-a-uuid";
  EXPECT_EQ(KeyFromDump(bad).status().code(), StatusCode::kInvalidArgument);
  bad = line;
  bad["actions"] = "search";
  EXPECT_EQ(KeyFromDump(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(DumpWire, DumpUidIsMeilisearchsDateForm) {
  auto ns = ParseRfc3339("2024-08-08T17:05:55.123456Z", LoneDate::kItsMidnight);
  ASSERT_TRUE(ns.ok());
  EXPECT_EQ(DumpUid(*ns), "20240808-170555123");
}

}  // namespace
}  // namespace myriad::backup
