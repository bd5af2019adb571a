// SearchIndexWriter: keeps an index's search structures exact as documents
// change. It observes the document store's writes (DocumentObserver) in one
// write transaction, accumulates the changes to every word's and facet value's
// bitmap in memory, and writes each touched bitmap once in Finish: a task that
// adds 10,000 documents reads and writes each distinct word once.
//
// Per document it writes its forward index (sdbs::kDocWords: word ids with
// positions) at once; the ranking rules read it at search time. Per word and
// field it keeps a bitmap too (sdbs::kWordFieldDocids), accumulated the same way.
//
// Thread safety: one thread, inside one write transaction.
// Ownership: borrows the config and tokenizer, which must outlive it.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <roaring/roaring.hh>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/document_observer.h"
#include "engine/document_store.h"
#include "engine/facet/facet_dbs.h"
#include "engine/facet/facet_writer.h"
#include "engine/field_ids.h"
#include "engine/search_config.h"
#include "engine/search_dbs.h"
#include "engine/text/tokenizer.h"

namespace myriad::engine {

// The search databases of one index.
struct SearchDbs {
  storage::Database main;
  storage::Database word_docids;
  storage::Database word_ids;
  storage::Database doc_words;
  storage::Database word_field_docids;
  facet::FacetDbs facets;

  // REQUIRES: the calling thread holds no write transaction of the env.
  static Result<SearchDbs> Open(const OpenDatabaseFn& open_db);
};

class SearchIndexWriter final : public DocumentObserver {
 public:
  // REQUIRES: `txn` is the write transaction every later call uses.
  static Result<std::unique_ptr<SearchIndexWriter>> Begin(const storage::Txn& txn,
                                                          const SearchDbs& dbs,
                                                          const SearchConfig& config,
                                                          const text::Tokenizer& tokenizer);

  Status OnPut(storage::WriteTxn& txn, uint32_t id, const boost::json::object* old_document,
               const boost::json::object& document) override;
  Status OnDelete(storage::WriteTxn& txn, uint32_t id,
                  const boost::json::object& document) override;
  Status OnClear(storage::WriteTxn& txn) override;

  // Writes the accumulated bitmaps, the field ids and the word id counter.
  Status Finish(storage::WriteTxn& txn);

 private:
  struct Delta {
    Roaring added;
    Roaring removed;
  };
  static constexpr uint32_t kNoWordId = UINT32_MAX;
  // What this txn does to one word: its id (once looked up) and, in order, the
  // documents it was added to (bit 0 set) or removed from; the last event of a
  // document wins. Events are cheap to append; Finish folds them into bitmaps.
  struct WordState {
    uint32_t id = kNoWordId;
    std::vector<uint64_t> events;
  };
  // One document's searchable words (normalized) with their positions, sorted
  // by word once Extract returns.
  struct Words {
    std::vector<std::pair<std::string, sdbs::Position>> entries;
  };

  SearchIndexWriter(const SearchDbs& dbs, const SearchConfig& config,
                    const text::Tokenizer& tokenizer, FieldIds fields, uint32_t next_word_id,
                    bool word_field_complete)
      : dbs_(dbs),
        config_(config),
        tokenizer_(tokenizer),
        fields_(std::move(fields)),
        next_word_id_(next_word_id),
        word_field_complete_(word_field_complete),
        facets_(std::make_unique<facet::FacetWriter>(dbs.facets)) {}

  // The document's words; its facet leaves go to facets_ (added or removed).
  Status Extract(const boost::json::object& document, uint32_t id, bool removing, Words* words);
  // Records `id` as removed from each distinct word of `words` and each of
  // their fields.
  Status RemoveWords(const storage::Txn& txn, const Words& words, uint32_t id);
  // Records `id` as added to each distinct word of `words` and each of their
  // fields, and writes its forward index.
  Status AddWords(storage::WriteTxn& txn, uint32_t id, const Words& words);
  Result<uint32_t> WordId(const storage::Txn& txn, const std::string& word, WordState& state);

  const SearchDbs& dbs_;
  const SearchConfig& config_;
  const text::Tokenizer& tokenizer_;
  FieldIds fields_;
  uint32_t next_word_id_;
  std::vector<std::string> new_words_;  // assigned an id in this txn
  std::unordered_map<std::string, WordState> words_;
  // PackWordField(word id, field id) -> events, as WordState's.
  std::unordered_map<uint64_t, std::vector<uint64_t>> field_events_;
  // Whether kWordFieldDocids covers every document once this txn commits.
  bool word_field_complete_ = false;
  Delta document_ids_;
  std::unique_ptr<facet::FacetWriter> facets_;
  std::vector<text::Token> tokens_;  // reused across fields
};

}  // namespace myriad::engine
