// The search structures stay exact under any sequence of writes: after random
// additions, replacements, partial updates, deletions and clears, they equal
// what a full reindex of the final documents builds.
#include "engine/indexing/search_index_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "engine/documents/document_dbs.h"
#include "engine/indexing/index_dbs.h"
#include "engine/search_test_util.h"
#include "storage/bitmap_codec.h"
#include "storage/cursor.h"
#include "storage/varint.h"

namespace myriad::engine {
namespace {

using testing::Docs;
using testing::Obj;

// Every search structure in a comparable form: word ids are replaced by words
// (a reindex assigns new ids).
struct Snapshot {
  std::map<std::string, std::vector<uint32_t>> word_docids;
  std::map<uint32_t, std::map<std::string, std::vector<uint32_t>>> doc_words;
  std::map<std::pair<std::string, uint16_t>, std::vector<uint32_t>> word_field_docids;
  std::map<std::string, std::vector<uint32_t>> facets;  // db name + key -> docs
  std::vector<uint32_t> document_ids;
};

std::vector<uint32_t> Ids(std::string_view bitmap) {
  Result<Roaring> r = storage::DecodeBitmap(bitmap);
  EXPECT_TRUE(r.ok());
  std::vector<uint32_t> ids;
  if (r.ok()) {
    for (uint32_t id : *r) ids.push_back(id);
  }
  return ids;
}

Snapshot Take(const storage::Txn& txn, const SearchDbs& dbs) {
  Snapshot s;
  auto each = [&](storage::Database db, auto&& f) {
    auto cursor = storage::Cursor::Open(txn, db);
    ASSERT_TRUE(cursor.ok());
    for (auto found = cursor->First(); found.ok() && *found; found = cursor->Next()) {
      f(cursor->key(), cursor->value());
    }
  };
  std::map<uint32_t, std::string> words_by_id;
  each(dbs.word_ids, [&](std::string_view word, std::string_view id) {
    words_by_id[*storage::ConsumeU32BE(id)] = std::string(word);
  });
  each(dbs.word_docids, [&](std::string_view word, std::string_view bitmap) {
    s.word_docids[std::string(word)] = Ids(bitmap);
  });
  each(dbs.doc_words, [&](std::string_view key, std::string_view blob) {
    const uint32_t doc = *storage::ConsumeU32BE(key);
    auto& words = s.doc_words[doc];
    uint32_t word_id = 0;
    while (!blob.empty()) {
      word_id += *storage::ConsumeVarint(blob);
      const uint32_t n = *storage::ConsumeVarint(blob);
      storage::ConsumeVarint(blob);  // bytes of the positions
      uint32_t p = 0;
      auto& positions = words[words_by_id.at(word_id)];
      for (uint32_t k = 0; k < n; ++k) positions.push_back(p += *storage::ConsumeVarint(blob));
    }
  });
  each(dbs.word_field_docids, [&](std::string_view key, std::string_view bitmap) {
    const uint32_t word_id = *storage::ConsumeU32BE(key);
    ASSERT_EQ(key.size(), 2u);
    const auto fid =
        static_cast<uint16_t>((static_cast<uint8_t>(key[0]) << 8) | static_cast<uint8_t>(key[1]));
    s.word_field_docids[{words_by_id.at(word_id), fid}] = Ids(bitmap);
  });
  for (auto [name, db] :
       {std::pair{"strings", dbs.facets.strings}, std::pair{"numbers", dbs.facets.numbers},
        std::pair{"flags", dbs.facets.flags}}) {
    each(db, [&, name = name](std::string_view key, std::string_view bitmap) {
      s.facets[std::string(name) + ":" + std::string(key)] = Ids(bitmap);
    });
  }
  auto ids = txn.Get(dbs.main, sdbs::kMainDocumentIds);
  if (ids.ok() && *ids) s.document_ids = Ids(**ids);
  return s;
}

boost::json::object RandomDoc(std::mt19937& rng, int id) {
  static const std::vector<std::string> vocabulary = {"alpha",   "beta", "gamma", "delta", "Élan",
                                                      "ünïcode", "东京", "x1",    "42",    "the"};
  boost::json::object doc;
  doc["id"] = id;
  std::string text;
  for (int w = 0, n = 1 + static_cast<int>(rng() % 6); w < n; ++w) {
    text += vocabulary[rng() % vocabulary.size()] + (rng() % 4 == 0 ? ". " : " ");
  }
  if (rng() % 5 != 0) doc["t"] = text;
  switch (rng() % 4) {
    case 0:
      doc["tag"] = vocabulary[rng() % 4];
      break;
    case 1:
      doc["tag"] = boost::json::array{"red", vocabulary[rng() % 4]};
      break;
    case 2:
      doc["tag"] = nullptr;
      break;
    default:
      break;
  }
  if (rng() % 2 == 0) doc["n"] = static_cast<int>(rng() % 7) - 3;
  if (rng() % 3 == 0) doc["nested"] = boost::json::object{{"k", vocabulary[rng() % 3]}};
  return doc;
}

class SearchIndexWriterTest : public testing::IndexTest {
 protected:
  // The current structures, and those a full reindex builds (then rolled back).
  std::pair<Snapshot, Snapshot> CurrentAndRebuilt() {
    auto txn = storage::WriteTxn::Begin(*env_);
    EXPECT_TRUE(txn.ok());
    Snapshot current = Take(*txn, index_->dbs());
    EXPECT_TRUE(index_->Reindex(*txn).ok());
    Snapshot rebuilt = Take(*txn, index_->dbs());
    std::move(*txn).Abort();
    return {std::move(current), std::move(rebuilt)};
  }

  void ExpectAsRebuilt(int round) {
    auto [current, rebuilt] = CurrentAndRebuilt();
    ASSERT_EQ(current.word_docids, rebuilt.word_docids) << "round " << round;
    ASSERT_EQ(current.doc_words, rebuilt.doc_words) << "round " << round;
    ASSERT_EQ(current.word_field_docids, rebuilt.word_field_docids) << "round " << round;
    ASSERT_EQ(current.facets, rebuilt.facets) << "round " << round;
    ASSERT_EQ(current.document_ids, rebuilt.document_ids) << "round " << round;
  }
};

TEST_F(SearchIndexWriterTest, RandomWritesLeaveWhatAReindexBuilds) {
  Settings(R"({"filterableAttributes":["tag","n","nested.k"]})");
  std::mt19937 rng(42);
  auto random_doc = [&](int id) { return RandomDoc(rng, id); };
  for (int round = 0; round < 80; ++round) {
    const unsigned op = rng() % 10;
    if (op < 5) {
      std::vector<boost::json::object> docs;
      for (int i = 0, n = 1 + static_cast<int>(rng() % 5); i < n; ++i) {
        docs.push_back(random_doc(static_cast<int>(rng() % 25)));  // duplicates happen
      }
      const bool replace = op < 3;
      Write([&](storage::WriteTxn& txn) {
        return index_->AddDocuments(txn, std::move(docs), std::nullopt, replace);
      });
    } else if (op < 9) {
      Delete({std::to_string(rng() % 25), std::to_string(rng() % 25)});
    } else {
      Write([&](storage::WriteTxn& txn) { return index_->Clear(txn); });
    }
    if (round % 10 == 9) ExpectAsRebuilt(round);
  }
  // The test means something only if the index is not empty at the end.
  auto [current, rebuilt] = CurrentAndRebuilt();
  EXPECT_FALSE(current.word_docids.empty());
  // A word's documents are the union of its documents per field.
  std::map<std::string, std::set<uint32_t>> by_field;
  for (const auto& [key, ids] : current.word_field_docids) {
    by_field[key.first].insert(ids.begin(), ids.end());
  }
  for (const auto& [word, ids] : current.word_docids) {
    EXPECT_EQ(std::vector<uint32_t>(by_field[word].begin(), by_field[word].end()), ids) << word;
  }
  EXPECT_FALSE(current.facets.empty());
}

// Many calls in one DocumentBatch (the scheduler's batch of tasks): the same id
// added, replaced, updated and deleted within one transaction leaves no stale
// word, field or facet entry, and a refused call leaves nothing behind.
TEST_F(SearchIndexWriterTest, RandomBatchesLeaveWhatAReindexBuilds) {
  Settings(R"({"filterableAttributes":["tag","n","nested.k"]})");
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    Write([&](storage::WriteTxn& txn) -> Status {
      MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<DocumentBatch> batch,
                              index_->BeginDocumentBatch(txn));
      for (int call = 0, calls = 1 + static_cast<int>(rng() % 8); call < calls; ++call) {
        const unsigned op = rng() % 10;
        if (op < 6) {
          std::vector<boost::json::object> docs;
          for (int i = 0, n = 1 + static_cast<int>(rng() % 4); i < n; ++i) {
            docs.push_back(RandomDoc(rng, static_cast<int>(rng() % 12)));  // few ids: collisions
          }
          MYRIAD_RETURN_IF_ERROR(
              batch->AddDocuments(std::move(docs), std::nullopt, /*replace=*/op < 4).status());
        } else if (op < 9) {
          MYRIAD_RETURN_IF_ERROR(
              batch->DeleteDocuments({std::to_string(rng() % 12), std::to_string(rng() % 12)})
                  .status());
        } else {
          // Refused for its second document: the first is not written either.
          auto refused =
              batch->AddDocuments({RandomDoc(rng, 100), Obj(R"({"id":"not valid","t":"refused"})")},
                                  std::nullopt, true);
          EXPECT_TRUE(refused.status().IsRequestError());
        }
      }
      return batch->Finish();
    });
    if (round % 5 == 4) ExpectAsRebuilt(round);
  }
  auto txn = storage::ReadTxn::Begin(*env_);
  ASSERT_TRUE(txn.ok());
  EXPECT_FALSE(*index_->store().Get(*txn, "100"));
  EXPECT_TRUE(Take(*txn, index_->dbs()).word_docids.count("refused") == 0);
  EXPECT_FALSE(Take(*txn, index_->dbs()).word_docids.empty());
}

// One batch that adds a document, replaces it, deletes it and adds it again
// with other words keeps only the last words.
TEST_F(SearchIndexWriterTest, ABatchKeepsOnlyTheLastVersionOfADocument) {
  Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<DocumentBatch> batch, index_->BeginDocumentBatch(txn));
    MYRIAD_RETURN_IF_ERROR(
        batch
            ->AddDocuments(Docs(R"([{"id":1,"t":"first"},{"id":2,"t":"first"}])"), std::nullopt,
                           true)
            .status());
    MYRIAD_RETURN_IF_ERROR(
        batch->AddDocuments(Docs(R"([{"id":1,"t":"second"}])"), std::nullopt, true).status());
    MYRIAD_RETURN_IF_ERROR(batch->DeleteDocuments({"1"}).status());
    MYRIAD_RETURN_IF_ERROR(
        batch->AddDocuments(Docs(R"([{"id":1,"t":"third"}])"), std::nullopt, true).status());
    MYRIAD_RETURN_IF_ERROR(batch->DeleteDocuments({"2"}).status());
    return batch->Finish();
  });
  auto txn = storage::ReadTxn::Begin(*env_);
  ASSERT_TRUE(txn.ok());
  const Snapshot s = Take(*txn, index_->dbs());
  EXPECT_EQ(s.word_docids,
            (std::map<std::string, std::vector<uint32_t>>{{"1", {2}}, {"third", {2}}}));
  // Deleted, then added again: a new internal id.
  EXPECT_EQ(s.document_ids, std::vector<uint32_t>{2});
  ExpectAsRebuilt(0);
}

}  // namespace
}  // namespace myriad::engine
