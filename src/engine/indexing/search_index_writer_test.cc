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
  std::map<std::pair<std::string, uint16_t>, std::vector<uint32_t>> word_position_docids;
  std::map<std::string, std::vector<uint32_t>> field_word_counts;  // key bytes -> docs
  std::map<std::pair<std::string, std::string>, std::vector<uint32_t>> word_pairs;
  std::map<std::string, std::vector<uint32_t>> prefix_fields;     // key bytes -> docs
  std::map<std::string, std::vector<uint32_t>> prefix_positions;  // key bytes -> docs
  std::map<std::string, std::vector<uint32_t>> facets;            // db name + key -> docs
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
  // WordKey(word id, u16) databases, keyed by word.
  auto by_word = [&](storage::Database db, auto& out) {
    each(db, [&](std::string_view key, std::string_view bitmap) {
      const uint32_t word_id = *storage::ConsumeU32BE(key);
      ASSERT_EQ(key.size(), 2u);
      const auto rest =
          static_cast<uint16_t>((static_cast<uint8_t>(key[0]) << 8) | static_cast<uint8_t>(key[1]));
      out[{words_by_id.at(word_id), rest}] = Ids(bitmap);
    });
  };
  by_word(dbs.word_field_docids, s.word_field_docids);
  by_word(dbs.word_position_docids, s.word_position_docids);
  each(dbs.field_word_count_docids, [&](std::string_view key, std::string_view bitmap) {
    s.field_word_counts[std::string(key)] = Ids(bitmap);
  });
  each(dbs.word_pair_docids, [&](std::string_view key, std::string_view bitmap) {
    const uint32_t first = *storage::ConsumeU32BE(key);
    const uint32_t next = *storage::ConsumeU32BE(key);
    s.word_pairs[{words_by_id.at(first), words_by_id.at(next)}] = Ids(bitmap);
  });
  each(dbs.prefix_field_docids, [&](std::string_view key, std::string_view bitmap) {
    s.prefix_fields[std::string(key)] = Ids(bitmap);
  });
  each(dbs.prefix_position_docids, [&](std::string_view key, std::string_view bitmap) {
    s.prefix_positions[std::string(key)] = Ids(bitmap);
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
    ASSERT_EQ(current.word_position_docids, rebuilt.word_position_docids) << "round " << round;
    ASSERT_EQ(current.field_word_counts, rebuilt.field_word_counts) << "round " << round;
    ASSERT_EQ(current.word_pairs, rebuilt.word_pairs) << "round " << round;
    ASSERT_EQ(current.prefix_fields, rebuilt.prefix_fields) << "round " << round;
    ASSERT_EQ(current.prefix_positions, rebuilt.prefix_positions) << "round " << round;
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
        return index_->AddDocuments(txn, std::move(docs), std::nullopt, {.replace = replace});
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
  // And the union of its documents per position bucket.
  std::map<std::string, std::set<uint32_t>> by_position;
  for (const auto& [key, ids] : current.word_position_docids) {
    by_position[key.first].insert(ids.begin(), ids.end());
  }
  for (const auto& [word, ids] : current.word_docids) {
    EXPECT_EQ(std::vector<uint32_t>(by_field[word].begin(), by_field[word].end()), ids) << word;
    EXPECT_EQ(std::vector<uint32_t>(by_position[word].begin(), by_position[word].end()), ids)
        << word;
  }
  EXPECT_FALSE(current.field_word_counts.empty());
  EXPECT_FALSE(current.facets.empty());
}

// Positions are bucketed as milli's are, per field and across the values of an
// array; each field's count is of the words indexed in it.
TEST_F(SearchIndexWriterTest, PositionsAndWordCounts) {
  Settings(R"({"searchableAttributes":["t","tags"]})");
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "w" + std::to_string(i) + " ";
  boost::json::object doc{{"id", 1}, {"t", long_text}, {"tags", boost::json::array{"a b", "c"}}};
  Write([&](storage::WriteTxn& txn) {
    return index_->AddDocuments(txn, {doc}, std::nullopt, {.replace = true});
  });
  auto txn = storage::ReadTxn::Begin(*env_);
  ASSERT_TRUE(txn.ok());
  const Snapshot s = Take(*txn, index_->dbs());
  using Key = std::pair<std::string, uint16_t>;
  const std::vector<uint32_t> internal = s.document_ids;
  ASSERT_EQ(internal.size(), 1u);
  EXPECT_EQ(s.word_position_docids.at(Key("w0", 0)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("w15", 15)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("w16", 24)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("w23", 24)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("w25", 32)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("w39", 64)), internal);
  // The second value of an array starts 8 positions after the first ends.
  EXPECT_EQ(s.word_position_docids.at(Key("a", 0)), internal);
  EXPECT_EQ(s.word_position_docids.at(Key("c", 9)), internal);
  // 40 words in `t` (more than kMaxCountedWords: not counted), 3 in `tags`.
  std::vector<std::string> counts;
  for (const auto& [key, ids] : s.field_word_counts) {
    counts.push_back(std::to_string(static_cast<uint8_t>(key[2])));
  }
  EXPECT_EQ(counts, std::vector<std::string>{"3"});
  // Adjacent words, in their order, within one value; not across values or fields.
  using Pair = std::pair<std::string, std::string>;
  EXPECT_EQ(s.word_pairs.at(Pair("w0", "w1")), internal);
  EXPECT_EQ(s.word_pairs.at(Pair("a", "b")), internal);
  EXPECT_FALSE(s.word_pairs.contains(Pair("w1", "w0")));
  EXPECT_FALSE(s.word_pairs.contains(Pair("b", "c")));
  EXPECT_FALSE(s.word_pairs.contains(Pair("w39", "a")));
  // Prefixes of up to 3 characters, the word itself included: "w1" starts
  // "w1" and "w10".."w19", in field `t` and at their positions.
  uint16_t t_fid = UINT16_MAX;
  for (const auto& [key, ids] : s.word_field_docids) {
    if (key.first == "w1") t_fid = key.second;
  }
  EXPECT_EQ(s.prefix_fields.at(sdbs::PrefixKey("w1", t_fid)), internal);
  EXPECT_EQ(s.prefix_positions.at(sdbs::PrefixKey("w1", 1)), internal);
  EXPECT_EQ(s.prefix_positions.at(sdbs::PrefixKey("w1", 24)), internal);  // w16..w19
  EXPECT_FALSE(s.prefix_positions.contains(sdbs::PrefixKey("w1", 2)));
  EXPECT_EQ(s.prefix_positions.at(sdbs::PrefixKey("w15", 15)), internal);
}

// An index written before the position databases existed is reindexed by its
// next write, so that they cover its older documents too.
TEST_F(SearchIndexWriterTest, AnOutdatedIndexIsReindexedByItsNextWrite) {
  Write([&](storage::WriteTxn& txn) {
    return index_->AddDocuments(txn, Docs(R"([{"id":1,"t":"old words"}])"), std::nullopt,
                                {.replace = true});
  });
  // What version 1 left: no positions, no counts, its mark instead of a version.
  Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_RETURN_IF_ERROR(txn.Clear(index_->dbs().word_position_docids));
    MYRIAD_RETURN_IF_ERROR(txn.Clear(index_->dbs().field_word_count_docids));
    MYRIAD_RETURN_IF_ERROR(txn.Delete(index_->dbs().main, sdbs::kMainSearchVersion));
    return txn.Put(index_->dbs().main, sdbs::kMainWordFieldComplete, "");
  });
  {
    auto txn = storage::ReadTxn::Begin(*env_);
    ASSERT_TRUE(txn.ok());
    EXPECT_EQ(*ReadSearchVersion(*txn, index_->dbs()), 1u);
  }
  Write([&](storage::WriteTxn& txn) {
    return index_->AddDocuments(txn, Docs(R"([{"id":2,"t":"new"}])"), std::nullopt,
                                {.replace = true});
  });
  auto txn = storage::ReadTxn::Begin(*env_);
  ASSERT_TRUE(txn.ok());
  EXPECT_EQ(*ReadSearchVersion(*txn, index_->dbs()), sdbs::kSearchVersion);
  const Snapshot s = Take(*txn, index_->dbs());
  EXPECT_TRUE(s.word_position_docids.contains({"old", 0}));
  EXPECT_TRUE(s.word_position_docids.contains({"new", 0}));
  ExpectAsRebuilt(0);
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
              batch->AddDocuments(std::move(docs), std::nullopt, {.replace = op < 4}).status());
        } else if (op < 9) {
          MYRIAD_RETURN_IF_ERROR(
              batch->DeleteDocuments({std::to_string(rng() % 12), std::to_string(rng() % 12)})
                  .status());
        } else {
          // Refused for its second document: the first is not written either.
          auto refused =
              batch->AddDocuments({RandomDoc(rng, 100), Obj(R"({"id":"not valid","t":"refused"})")},
                                  std::nullopt, {.replace = true});
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
                           {.replace = true})
            .status());
    MYRIAD_RETURN_IF_ERROR(
        batch->AddDocuments(Docs(R"([{"id":1,"t":"second"}])"), std::nullopt, {.replace = true})
            .status());
    MYRIAD_RETURN_IF_ERROR(batch->DeleteDocuments({"1"}).status());
    MYRIAD_RETURN_IF_ERROR(
        batch->AddDocuments(Docs(R"([{"id":1,"t":"third"}])"), std::nullopt, {.replace = true})
            .status());
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
