#include "engine/documents/document_store.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/documents/document_dbs.h"
#include "engine/documents/select_fields.h"
#include "engine/engine_test_util.h"

namespace myriad::engine {
namespace {

using testing::Docs;
using testing::Obj;
using testing::StoreTest;

class DocumentStoreTest : public StoreTest {
 protected:
  std::optional<std::string> StoredPrimaryKey() {
    return Read([&](const storage::Txn& txn) {
      auto pk = store_->PrimaryKey(txn);
      EXPECT_TRUE(pk.ok()) << pk.status().ToString();
      return pk.ok() ? *pk : std::nullopt;
    });
  }

  DocumentPage List(uint64_t offset, uint64_t limit) {
    return Read([&](const storage::Txn& txn) {
      auto page = store_->List(txn, offset, limit);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      return page.ok() ? *page : DocumentPage();
    });
  }

  std::vector<std::string> ListedIds() {
    std::vector<std::string> ids;
    for (const auto& doc : List(0, 1000).documents) {
      ids.push_back(doc.at("id").is_string() ? std::string(doc.at("id").as_string())
                                             : std::to_string(doc.at("id").to_number<int64_t>()));
    }
    return ids;
  }

  Result<uint64_t> Delete(const std::vector<std::string>& ids) {
    MYRIAD_ASSIGN_OR_RETURN(storage::WriteTxn txn, storage::WriteTxn::Begin(*env_));
    MYRIAD_ASSIGN_OR_RETURN(uint64_t deleted, store_->DeleteDocuments(txn, ids));
    MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
    return deleted;
  }

  Result<uint64_t> Clear() {
    MYRIAD_ASSIGN_OR_RETURN(storage::WriteTxn txn, storage::WriteTxn::Begin(*env_));
    MYRIAD_ASSIGN_OR_RETURN(uint64_t deleted, store_->Clear(txn));
    MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
    return deleted;
  }

  Status SetPrimaryKey(std::string_view pk) {
    auto txn = storage::WriteTxn::Begin(*env_);
    if (!txn.ok()) return txn.status();
    Status st = store_->SetPrimaryKey(*txn, pk);
    if (!st.ok()) return st;
    return std::move(*txn).Commit();
  }
};

// New internal ids are appended (MDB_APPEND); an id that is not the greatest
// after all is still written, by a plain put.
TEST_F(DocumentStoreTest, PutNewInternalIdAppendsOrFallsBackToAPut) {
  auto db = env_->OpenDatabase("append_test", /*create=*/true);
  ASSERT_TRUE(db.ok());
  auto txn = storage::WriteTxn::Begin(*env_);
  ASSERT_TRUE(txn.ok());
  for (uint32_t id : {1u, 2u, 7u, 3u, 7u, 0u}) {
    ASSERT_TRUE(dbs::PutNewInternalId(*txn, *db, id, "v" + std::to_string(id)).ok()) << id;
  }
  for (uint32_t id : {0u, 1u, 2u, 3u, 7u}) {
    auto value = txn->Get(*db, dbs::EncodeInternalId(id));
    ASSERT_TRUE(value.ok() && *value);
    EXPECT_EQ(**value, "v" + std::to_string(id));
  }
  ASSERT_TRUE(std::move(*txn).Commit().ok());
}

TEST_F(DocumentStoreTest, AddInfersPrimaryKeyAndGets) {
  auto outcome = Add(Docs(R"([{"id":1,"title":"a"},{"id":"x-2","title":"b"}])"));
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->indexed_documents, 2u);
  EXPECT_EQ(outcome->primary_key, "id");
  EXPECT_EQ(StoredPrimaryKey(), "id");
  EXPECT_EQ(Count(), 2u);
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"title":"a"})"));
  EXPECT_EQ(Get("x-2"), Obj(R"({"id":"x-2","title":"b"})"));
  EXPECT_EQ(Get("3"), std::nullopt);
  EXPECT_EQ(Get(""), std::nullopt);
  EXPECT_EQ(Get(std::string(600, 'a')), std::nullopt);
}

TEST_F(DocumentStoreTest, StoredDoublesReadBackExactly) {
  ASSERT_TRUE(Add({Obj(R"({"id":1})")}).ok());
  boost::json::object doc{{"id", 2}, {"x", 0.1}, {"y", 1.0 / 3.0}, {"z", 6.02214076e23}};
  ASSERT_TRUE(Add({doc}).ok());
  EXPECT_EQ(Get("2"), doc);
}

// Search copies a whole hit as stored (GetTextByInternalId): the stored text
// must be what serializing the parsed document gives, for every kind of value.
TEST_F(DocumentStoreTest, StoredTextIsTheSerializedDocument) {
  const std::string json =
      R"([{"id":1,"s":"quote \" backslash \\ tab \t nul \u0000 é 🦀 \u2028","n":-0.0,)"
      R"("d":[0.1,1e300,-2.5e-308,18446744073709551615,-9223372036854775808,123456789012],)"
      R"("o":{"a":null,"b":[true,false,{}],"":[]}}])";
  ASSERT_TRUE(Add(Docs(json)).ok());
  Read([&](const storage::Txn& txn) {
    auto doc = store_->GetByInternalId(txn, 0);
    auto text = store_->GetTextByInternalId(txn, 0);
    ASSERT_TRUE(doc.ok() && text.ok());
    ASSERT_TRUE(doc->has_value() && text->has_value());
    EXPECT_EQ(**text, boost::json::serialize(**doc));
    auto missing = store_->GetTextByInternalId(txn, 1);
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
  });
}

TEST_F(DocumentStoreTest, PrimaryKeyParameter) {
  auto outcome = Add(Docs(R"([{"sku":"a","id":1}])"), true, "sku");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->primary_key, "sku");
  EXPECT_TRUE(Get("a").has_value());
  // The same parameter again is fine; a different one is refused.
  EXPECT_TRUE(Add(Docs(R"([{"sku":"b"}])"), true, "sku").ok());
  auto differs = Add(Docs(R"([{"sku":"c","id":3}])"), true, "id");
  ASSERT_TRUE(differs.status().IsRequestError());
  EXPECT_EQ(differs.status().error_code(), "index_primary_key_already_exists");
  EXPECT_EQ(differs.status().error_code(), "index_primary_key_already_exists");
  EXPECT_EQ(Count(), 2u);
}

TEST_F(DocumentStoreTest, EmptyAdditionWithoutPrimaryKeyFailsInference) {
  auto outcome = Add({});
  ASSERT_TRUE(outcome.status().IsRequestError());
  EXPECT_EQ(outcome.status().error_code(), "index_primary_key_no_candidate_found");
  EXPECT_EQ(StoredPrimaryKey(), std::nullopt);
  // A failed inference leaves no primary key behind.
  auto several = Add(Docs(R"([{"id":1,"user_id":2}])"));
  ASSERT_TRUE(several.status().IsRequestError());
  EXPECT_EQ(several.status().error_code(), "index_primary_key_multiple_candidates_found");
  EXPECT_EQ(StoredPrimaryKey(), std::nullopt);
}

TEST_F(DocumentStoreTest, SetPrimaryKeyOnlyWhileEmpty) {
  ASSERT_TRUE(SetPrimaryKey("sku").ok());
  EXPECT_EQ(StoredPrimaryKey(), "sku");
  ASSERT_TRUE(SetPrimaryKey("ref").ok());  // no documents yet: may change
  EXPECT_EQ(StoredPrimaryKey(), "ref");
  ASSERT_TRUE(Add(Docs(R"([{"ref":"a"}])")).ok());
  EXPECT_TRUE(SetPrimaryKey("ref").ok());
  Status st = SetPrimaryKey("sku");
  ASSERT_TRUE(st.IsRequestError());
  EXPECT_EQ(st.error_code(), "index_primary_key_already_exists");
  EXPECT_EQ(st.message(), "Index already has a primary key: `ref`.");
  EXPECT_EQ(StoredPrimaryKey(), "ref");
}

TEST_F(DocumentStoreTest, ReplaceOnPostMergeOnPut) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"title":"a","genre":"x"}])")).ok());
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"title":"b"}])"), /*replace=*/true).ok());
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"title":"b"})"));
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"genre":"y","year":2000}])"), /*replace=*/false).ok());
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"title":"b","genre":"y","year":2000})"));
  // PUT of a new id inserts it as is.
  ASSERT_TRUE(Add(Docs(R"([{"id":2,"genre":"z"}])"), /*replace=*/false).ok());
  EXPECT_EQ(Get("2"), Obj(R"({"id":2,"genre":"z"})"));
  EXPECT_EQ(Count(), 2u);
}

// skipCreation: only ids already stored are written, on POST and on PUT.
TEST_F(DocumentStoreTest, SkipCreationWritesOnlyStoredIds) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"title":"a","genre":"x"}])")).ok());
  for (bool replace : {true, false}) {
    auto txn = storage::WriteTxn::Begin(*env_);
    ASSERT_TRUE(txn.ok());
    auto outcome = store_->AddDocuments(
        *txn, Docs(R"([{"id":1,"title":"b"},{"id":2,"title":"new"},{"id":2,"title":"again"}])"),
        std::nullopt, {.replace = replace, .skip_creation = true});
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_EQ(outcome->indexed_documents, 1u);
    ASSERT_TRUE(std::move(*txn).Commit().ok());
    EXPECT_EQ(Count(), 1u);
    EXPECT_EQ(Get("1"), replace ? Obj(R"({"id":1,"title":"b"})")
                                : Obj(R"({"id":1,"title":"b","genre":"x"})"));
    if (replace) ASSERT_TRUE(Add(Docs(R"([{"id":1,"title":"a","genre":"x"}])")).ok());
  }
  EXPECT_EQ((FieldCounts{{"genre", 1}, {"id", 1}, {"title", 1}}), Distribution());
}

TEST_F(DocumentStoreTest, LaterDuplicatesInOneCallWin) {
  auto outcome = Add(Docs(R"([{"id":1,"v":1,"a":true},{"id":2},{"id":1,"v":2}])"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->indexed_documents, 3u);
  EXPECT_EQ(Count(), 2u);
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"v":2})"));
  EXPECT_EQ((FieldCounts{{"id", 2}, {"v", 1}}), Distribution());

  ASSERT_TRUE(Add(Docs(R"([{"id":3,"v":1},{"id":3,"w":2}])"), /*replace=*/false).ok());
  EXPECT_EQ(Get("3"), Obj(R"({"id":3,"v":1,"w":2})"));
}

TEST_F(DocumentStoreTest, InsertionOrderSurvivesReplaceAndIdsAreNotReused) {
  ASSERT_TRUE(Add(Docs(R"([{"id":"c"},{"id":"a"},{"id":"b"}])")).ok());
  ASSERT_TRUE(Add(Docs(R"([{"id":"a","new":1},{"id":"d"}])")).ok());
  EXPECT_EQ(ListedIds(), (std::vector<std::string>{"c", "a", "b", "d"}));
  ASSERT_TRUE(Delete({"c"}).ok());
  // Re-adding a deleted id puts it last: it gets a fresh internal id.
  ASSERT_TRUE(Add(Docs(R"([{"id":"c"}])")).ok());
  EXPECT_EQ(ListedIds(), (std::vector<std::string>{"a", "b", "d", "c"}));
}

TEST_F(DocumentStoreTest, ListPaginates) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1},{"id":2},{"id":3},{"id":4},{"id":5}])")).ok());
  DocumentPage page = List(1, 2);
  EXPECT_EQ(page.total, 5u);
  EXPECT_EQ(page.documents,
            (std::vector<boost::json::object>{Obj(R"({"id":2})"), Obj(R"({"id":3})")}));
  EXPECT_EQ(List(4, 20).documents.size(), 1u);
  EXPECT_TRUE(List(5, 20).documents.empty());
  EXPECT_EQ(List(5, 20).total, 5u);
  EXPECT_TRUE(List(0, 0).documents.empty());
}

TEST_F(DocumentStoreTest, ListAmongIdsInInsertionOrder) {
  ASSERT_TRUE(Add(Docs(R"([{"id":"c"},{"id":"a"},{"id":"b"},{"id":7}])")).ok());
  DocumentPage page = Read([&](const storage::Txn& txn) {
    auto ids = store_->InternalIds(txn, {"b", "7", "nope", "c", "b", ""});
    EXPECT_TRUE(ids.ok());
    EXPECT_EQ(ids->size(), 3u);
    auto listed = store_->ListAmong(txn, *ids, 1, 5);
    EXPECT_TRUE(listed.ok());
    return listed.ok() ? *listed : DocumentPage();
  });
  EXPECT_EQ(page.total, 3u);
  EXPECT_EQ(page.documents,
            (std::vector<boost::json::object>{Obj(R"({"id":"b"})"), Obj(R"({"id":7})")}));
}

TEST_F(DocumentStoreTest, DeleteByIdsSkipsMissing) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1},{"id":2},{"id":3}])")).ok());
  auto deleted = Delete({"2", "9", "2", "3"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2u);
  EXPECT_EQ(Count(), 1u);
  EXPECT_EQ(Get("2"), std::nullopt);
  EXPECT_EQ(Get("3"), std::nullopt);
  EXPECT_TRUE(Get("1").has_value());
}

TEST_F(DocumentStoreTest, ClearKeepsPrimaryKey) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"a":1},{"id":2}])")).ok());
  auto cleared = Clear();
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(*cleared, 2u);
  EXPECT_EQ(Count(), 0u);
  EXPECT_EQ(Get("1"), std::nullopt);
  EXPECT_TRUE(Distribution().empty());
  EXPECT_EQ(StoredPrimaryKey(), "id");
  ASSERT_TRUE(Add(Docs(R"([{"id":1}])")).ok());
  EXPECT_EQ(Count(), 1u);
}

TEST_F(DocumentStoreTest, FieldDistributionStaysExact) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"a":1,"b":1},{"id":2,"a":2},{"id":3,"c":null}])")).ok());
  EXPECT_EQ((FieldCounts{{"a", 2}, {"b", 1}, {"c", 1}, {"id", 3}}), Distribution());
  // Replace drops b from doc 1.
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"a":5}])"), /*replace=*/true).ok());
  EXPECT_EQ((FieldCounts{{"a", 2}, {"c", 1}, {"id", 3}}), Distribution());
  // Update keeps a and adds d to doc 2.
  ASSERT_TRUE(Add(Docs(R"([{"id":2,"d":1}])"), /*replace=*/false).ok());
  EXPECT_EQ((FieldCounts{{"a", 2}, {"c", 1}, {"d", 1}, {"id", 3}}), Distribution());
  ASSERT_TRUE(Delete({"3", "2"}).ok());
  EXPECT_EQ((FieldCounts{{"a", 1}, {"id", 1}}), Distribution());
}

TEST_F(DocumentStoreTest, InvalidIdInTheMiddleWritesNothing) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"v":"old"}])")).ok());
  for (std::string_view batch : {R"([{"id":1,"v":"new"},{"id":2},{"id":"a b"},{"id":3}])",
                                 R"([{"id":1,"v":"new"},{"id":2},{"title":"no id"},{"id":3}])"}) {
    auto txn = storage::WriteTxn::Begin(*env_);
    ASSERT_TRUE(txn.ok());
    auto outcome = store_->AddDocuments(*txn, Docs(batch), std::nullopt, {.replace = true});
    ASSERT_TRUE(outcome.status().IsRequestError()) << batch;
    EXPECT_TRUE(outcome.status().error_code() == "invalid_document_id" ||
                outcome.status().error_code() == "missing_document_id");
    // Nothing was written even inside the txn: the ids are checked first.
    auto count = store_->Count(*txn);
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1u);
    std::move(*txn).Abort();
  }
  EXPECT_EQ(Count(), 1u);
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"v":"old"})"));
  EXPECT_EQ((FieldCounts{{"id", 1}, {"v", 1}}), Distribution());
}

TEST_F(DocumentStoreTest, DataSurvivesReopen) {
  ASSERT_TRUE(Add(Docs(R"([{"id":1,"a":1},{"id":2}])")).ok());
  store_.reset();
  env_.reset();
  SetUp();
  EXPECT_EQ(Count(), 2u);
  EXPECT_EQ(Get("1"), Obj(R"({"id":1,"a":1})"));
  ASSERT_TRUE(Add(Docs(R"([{"id":3}])")).ok());
  EXPECT_EQ(ListedIds(), (std::vector<std::string>{"1", "2", "3"}));
}

TEST(SelectFields, NamedFieldsInDocumentOrderOrAll) {
  auto doc = Obj(R"({"id":1,"title":"a","genre":"x"})");
  EXPECT_EQ(SelectFields(doc, {"genre", "id", "missing"}), Obj(R"({"id":1,"genre":"x"})"));
  EXPECT_EQ(SelectFields(doc, {"title", "*"}), doc);
  EXPECT_TRUE(SelectFields(doc, {}).empty());
}

TEST(DocumentStoreErrors, ADocumentNotFoundIsARequestErrorOfKindNotFound) {
  Status not_found = DocumentNotFound("1");
  EXPECT_EQ(not_found.message(), "Document `1` not found.");
  EXPECT_EQ(not_found.code(), StatusCode::kNotFound);
  EXPECT_EQ(not_found.error_code(), "document_not_found");
  Status env_error = Status::MapFull("full");
  EXPECT_FALSE(env_error.IsRequestError());
  EXPECT_EQ(env_error.code(), StatusCode::kMapFull);
  EXPECT_TRUE(Status::Ok().ok());
}

}  // namespace
}  // namespace myriad::engine
