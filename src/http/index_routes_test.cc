// The read-only index routes, through the real server, over a real IndexMapper.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <string>

#include "http/route_test_util.h"
#include "http/routes.h"
#include "util/mutex.h"

namespace myriad::http {
namespace {

using testing::Fetch;
using testing::TestResponse;

class IndexRoutesTest : public testing::RouteTest {
 protected:
  void SetUp() override {
    StartServer([this](Router& router, index_mapper::IndexMapper& mapper) {
      AddIndexReadRoutes(router, mapper, [this] {
        MutexLock lock(indexing_mu_);
        return indexing_;
      });
    });
  }

  void SetIndexing(std::optional<std::string> uid) {
    MutexLock lock(indexing_mu_);
    indexing_ = std::move(uid);
  }

  // GET `target`; expects `status` and a JSON body.
  boost::json::value Get(const std::string& target, int status = 200) {
    std::optional<TestResponse> r = Fetch(server_->port(), "GET", target);
    EXPECT_TRUE(r) << target;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << target << ": " << r->body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r->body, ec);
    EXPECT_FALSE(ec) << target << ": " << r->body;
    return v;
  }

  void Create(const std::string& uid, std::optional<std::string> pk = std::nullopt) {
    auto meta = mapper_->CreateIndex(uid, std::move(pk));
    ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  }

  Mutex indexing_mu_;
  std::optional<std::string> indexing_ GUARDED_BY(indexing_mu_);
};

TEST_F(IndexRoutesTest, ListIsEmptyAtFirst) {
  EXPECT_EQ(Get("/indexes"),
            boost::json::parse(R"({"results":[],"offset":0,"limit":20,"total":0})"));
}

TEST_F(IndexRoutesTest, ListPaginatesInUidOrder) {
  for (const char* uid : {"delta", "alpha", "charlie", "bravo", "echo"}) Create(uid);
  boost::json::value page = Get("/indexes?offset=1&limit=2");
  EXPECT_EQ(page.at("offset"), 1);
  EXPECT_EQ(page.at("limit"), 2);
  EXPECT_EQ(page.at("total"), 5);
  const boost::json::array& results = page.at("results").as_array();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].at("uid"), "bravo");
  EXPECT_EQ(results[1].at("uid"), "charlie");

  EXPECT_EQ(Get("/indexes?offset=4").at("results").as_array().size(), 1u);
  EXPECT_EQ(Get("/indexes?offset=9").at("results").as_array().size(), 0u);
  EXPECT_EQ(Get("/indexes?limit=0").at("results").as_array().size(), 0u);
}

TEST_F(IndexRoutesTest, ListRejectsBadOffsetAndLimit) {
  EXPECT_EQ(Get("/indexes?offset=-1", 400).at("code"), "invalid_index_offset");
  EXPECT_EQ(Get("/indexes?offset=abc", 400).at("code"), "invalid_index_offset");
  EXPECT_EQ(Get("/indexes?limit=1.5", 400).at("code"), "invalid_index_limit");
  EXPECT_EQ(Get("/indexes?limit=", 400).at("code"), "invalid_index_limit");
}

TEST_F(IndexRoutesTest, GetIndexFound) {
  Create("movies", "id");
  Create("books");
  boost::json::object o = Get("/indexes/movies").as_object();
  EXPECT_EQ(o["uid"], "movies");
  EXPECT_EQ(o["primaryKey"], "id");
  const std::string created(o["createdAt"].as_string());
  EXPECT_EQ(created.back(), 'Z');
  EXPECT_EQ(created[10], 'T');
  EXPECT_TRUE(o["updatedAt"].is_string());
  EXPECT_EQ(o.size(), 4u);
  EXPECT_TRUE(Get("/indexes/books").at("primaryKey").is_null());
}

TEST_F(IndexRoutesTest, GetIndexNotFound) {
  boost::json::value v = Get("/indexes/missing", 404);
  EXPECT_EQ(v.at("code"), "index_not_found");
  EXPECT_EQ(v.at("message"), "Index `missing` not found.");
  EXPECT_EQ(v.at("type"), "invalid_request");
}

TEST_F(IndexRoutesTest, GetIndexInvalidUid) {
  EXPECT_EQ(Get("/indexes/bad%20uid", 400).at("code"), "invalid_index_uid");
  EXPECT_EQ(Get("/indexes/bad%20uid/stats", 400).at("code"), "invalid_index_uid");
}

TEST_F(IndexRoutesTest, IndexStatsFromTheRegistry) {
  Create("movies");
  EXPECT_EQ(Get("/indexes/movies/stats"), boost::json::parse(R"({
      "numberOfDocuments":0,"rawDocumentDbSize":0,"avgDocumentSize":0,"isIndexing":false,
      "numberOfEmbeddings":0,"numberOfEmbeddedDocuments":0,"fieldDistribution":{}})"));

  {
    auto handle = mapper_->Acquire("movies");
    ASSERT_TRUE(handle.ok()) << handle.status().ToString();
    ASSERT_TRUE(index_mapper::testing::WriteValues(*mapper_, *handle, 0, 3, 100).ok());
    // Field names are the documents' own: any text, escaped in the answer,
    // and of any length (this one outgrows the room /stats reserves an index).
    const std::map<std::string, uint64_t> fields{
        {"id", 3}, {"say \"hi\"\n", 1}, {"é", 2}, {std::string(5000, 'x'), 1}};
    ASSERT_TRUE(mapper_->UpdateStats(*handle, index_mapper::IndexStatsUpdate{3, {}, fields}).ok());
  }
  boost::json::value stats = Get("/indexes/movies/stats");
  EXPECT_EQ(stats.at("numberOfDocuments"), 3);
  EXPECT_EQ(stats.at("fieldDistribution"),
            boost::json::parse(R"({"id":3,"say \"hi\"\n":1,"é":2,")" + std::string(5000, 'x') +
                               R"(":1})"));
  EXPECT_EQ(Get("/stats").at("indexes").at("movies"), stats);
  const uint64_t raw = stats.at("rawDocumentDbSize").to_number<uint64_t>();
  EXPECT_GT(raw, 0u);
  EXPECT_EQ(stats.at("avgDocumentSize").to_number<uint64_t>(), raw / 3);
  EXPECT_EQ(Get("/indexes/nope/stats", 404).at("code"), "index_not_found");
}

TEST_F(IndexRoutesTest, GlobalStats) {
  boost::json::value empty = Get("/stats");
  EXPECT_TRUE(empty.at("lastUpdate").is_null());
  EXPECT_TRUE(empty.at("indexes").as_object().empty());

  Create("a");
  Create("b");
  boost::json::value stats = Get("/stats");
  EXPECT_TRUE(stats.at("databaseSize").is_number());
  EXPECT_TRUE(stats.at("usedDatabaseSize").is_number());
  EXPECT_TRUE(stats.at("lastUpdate").is_string());
  const boost::json::object& indexes = stats.at("indexes").as_object();
  ASSERT_EQ(indexes.size(), 2u);
  EXPECT_EQ(indexes.at("a").at("numberOfDocuments"), 0);
  EXPECT_EQ(indexes.at("b").at("isIndexing"), false);

  SetIndexing("b");
  stats = Get("/stats");
  EXPECT_EQ(stats.at("indexes").at("a").at("isIndexing"), false);
  EXPECT_EQ(stats.at("indexes").at("b").at("isIndexing"), true);
  EXPECT_EQ(Get("/indexes/b/stats").at("isIndexing"), true);
  EXPECT_EQ(Get("/indexes/a/stats").at("isIndexing"), false);
}

TEST_F(IndexRoutesTest, GlobalStatsFollowEveryChangeOfTheCatalogue) {
  // An unchanged catalogue may be answered from the last walk: each step
  // asks twice, and the second answer must show the change as well.
  const auto indexes = [this] {
    const boost::json::value first = Get("/stats");
    EXPECT_EQ(Get("/stats"), first);
    return first.at("indexes").as_object();
  };
  Create("a");
  EXPECT_EQ(indexes().size(), 1u);
  Create("b");
  EXPECT_EQ(indexes().size(), 2u);
  {
    auto handle = mapper_->Acquire("b");
    ASSERT_TRUE(handle.ok()) << handle.status().ToString();
    ASSERT_TRUE(index_mapper::testing::WriteValues(*mapper_, *handle, 0, 2, 100).ok());
    const std::map<std::string, uint64_t> fields{{"id", 2}};
    ASSERT_TRUE(mapper_->UpdateStats(*handle, index_mapper::IndexStatsUpdate{2, {}, fields}).ok());
  }
  EXPECT_EQ(indexes().at("b").at("numberOfDocuments"), 2);
  SetIndexing("b");
  EXPECT_EQ(indexes().at("b").at("isIndexing"), true);
  SetIndexing(std::nullopt);
  ASSERT_TRUE(mapper_->RenameIndex("b", "c").ok());
  boost::json::object renamed = indexes();
  EXPECT_FALSE(renamed.contains("b"));
  EXPECT_EQ(renamed.at("c").at("numberOfDocuments"), 2);
  EXPECT_EQ(renamed.at("c").at("isIndexing"), false);
  ASSERT_TRUE(mapper_->DeleteIndex("a").ok());
  EXPECT_FALSE(indexes().contains("a"));
}

}  // namespace
}  // namespace myriad::http
