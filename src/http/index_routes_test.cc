// The read-only index routes, through the real server, over a real IndexMapper.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "http/global_stats.h"
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

  IndexingProbe Probe() {
    return [this] {
      MutexLock lock(indexing_mu_);
      return indexing_;
    };
  }

  // Records new stats for `uid`: `documents`, a field distribution made from
  // it, and, when `write`, more data (so a larger used size).
  void SetStats(const std::string& uid, uint64_t documents, bool write) {
    auto handle = mapper_->Acquire(uid);
    ASSERT_TRUE(handle.ok()) << handle.status().ToString();
    if (write) {
      ASSERT_TRUE(index_mapper::testing::WriteValues(*mapper_, *handle, 0, 40, 1000).ok());
    }
    std::map<std::string, uint64_t> fields{{"id", documents}};
    if (documents % 2 == 1) fields["odd \"field\""] = documents / 2;
    ASSERT_TRUE(
        mapper_->UpdateStats(*handle, index_mapper::IndexStatsUpdate{documents, {}, fields}).ok());
  }

  // What a full walk of the registry answers now: a GlobalStats that has no
  // snapshot yet.
  std::string WalkedStats() {
    GlobalStats fresh(*mapper_, Probe());
    Response r = fresh.Answer(Request{});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(fresh.counts().walks, 1u);
    return std::string(r.Body());
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

TEST_F(IndexRoutesTest, GlobalStatsPatchedAfterRandomChangesAreWhatAFullWalkWrites) {
  // Uids that sort in tricky ways: prefixes of each other, digits, '-' and
  // '_', upper case before lower case.
  std::vector<std::string> uids;
  for (const char* prefix : {"a", "A", "a-", "a_", "b", "Z"}) {
    for (int i = 0; uids.size() < 50 && i < 9; ++i) {
      uids.push_back(i == 0 ? std::string(prefix) : prefix + std::to_string(i * 5 % 12));
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  std::set<std::string> live;
  std::mt19937 rng(20261204);
  const auto pick = [&](const auto& from) {
    auto it = from.begin();
    std::advance(it, std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng));
    return *it;
  };
  GlobalStats stats(*mapper_, Probe());
  EXPECT_EQ(stats.Answer(Request{}).Body(), WalkedStats());  // the walk every patch starts from
  int changes = 0, deletes = 0, renames = 0, creates = 0, updates = 0;
  for (int step = 0; step < 100; ++step) {
    // One to three changes between two answers.
    const int n = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int k = 0; k < n; ++k, ++changes) {
      const int op = std::uniform_int_distribution<int>(0, 9)(rng);
      if (live.empty() || op < 3) {
        const std::string uid = pick(uids);
        if (live.insert(uid).second) {
          Create(uid);
          ++creates;
        }
      } else if (op < 6) {
        SetStats(pick(live), std::uniform_int_distribution<uint64_t>(0, 9)(rng), op == 5);
        ++updates;
      } else if (op < 7) {
        const std::string uid = pick(live);
        ASSERT_TRUE(mapper_->DeleteIndex(uid).ok());
        live.erase(uid);
        ++deletes;
      } else if (op < 9) {
        const std::string from = pick(live), to = pick(uids);
        if (live.contains(to)) continue;
        ASSERT_TRUE(mapper_->RenameIndex(from, to).ok());
        live.erase(from);
        live.insert(to);
        ++renames;
      } else {
        SetIndexing(rng() % 3 == 0 ? std::nullopt : std::optional(pick(uids)));
      }
    }
    const Response patched = stats.Answer(Request{});
    ASSERT_EQ(patched.status, 200);
    const std::string walked = WalkedStats();
    ASSERT_EQ(patched.Body(), walked) << "step " << step;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(patched.Body(), ec);
    ASSERT_FALSE(ec) << patched.Body();
    EXPECT_EQ(v.at("indexes").as_object().size(), live.size());
  }
  // Every answer after the first was a patch (or, after changes that changed
  // nothing, the snapshot as it was), none a walk; each kind of change was
  // exercised.
  EXPECT_EQ(stats.counts().walks, 1u);
  EXPECT_EQ(stats.counts().patches + stats.counts().hits, 100u);
  EXPECT_GT(stats.counts().patches, 80u);
  EXPECT_GT(creates, 10);
  EXPECT_GT(updates, 10);
  EXPECT_GT(deletes, 10);
  EXPECT_GT(renames, 10);
}

TEST_F(IndexRoutesTest, GlobalStatsWalkAgainWhenTooManyIndexesChanged) {
  GlobalStats stats(*mapper_, Probe(), /*max_patched=*/2);
  Create("a");
  EXPECT_EQ(stats.Answer(Request{}).Body(), WalkedStats());
  EXPECT_EQ(stats.counts().walks, 1u);
  Create("b");
  Create("c");
  EXPECT_EQ(stats.Answer(Request{}).Body(), WalkedStats());
  EXPECT_EQ(stats.counts().patches, 1u);
  Create("d");
  Create("e");
  Create("f");
  EXPECT_EQ(stats.Answer(Request{}).Body(), WalkedStats());
  EXPECT_EQ(stats.counts().walks, 2u);
  EXPECT_EQ(stats.counts().patches, 1u);
  // Nothing changed: the snapshot as it is.
  const Response again = stats.Answer(Request{});
  EXPECT_EQ(again.Body(), WalkedStats());
  EXPECT_EQ(stats.counts().hits, 1u);
}

}  // namespace
}  // namespace myriad::http
