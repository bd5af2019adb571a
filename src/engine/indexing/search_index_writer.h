// SearchIndexWriter: keeps an index's search structures exact as documents
// change. It observes the document store's writes (DocumentObserver) in one
// write transaction, accumulates the changes to every word's and facet value's
// bitmap in memory, and writes each touched bitmap once in Finish: a task that
// adds 10,000 documents reads and writes each distinct word once.
//
// Per document it writes its forward index (sdbs::kDocWords: word ids with
// positions) at once; the ranking rules read it at search time. Per word and
// field, per word and bucketed position, and per field and word count it keeps a
// bitmap too (sdbs::kWordFieldDocids, kWordPositionDocids, kFieldWordCountDocids),
// accumulated the same way.
// A word is hashed once per occurrence and looked up in LMDB once per txn; the
// rest of the work is on integer word ids.
//
// Thread safety: one thread, inside one write transaction.
// Ownership: borrows the config and tokenizer, which must outlive it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/documents/document_observer.h"
#include "engine/documents/document_store.h"
#include "engine/indexing/facet/facet_writer.h"
#include "engine/indexing/index_dbs.h"
#include "engine/indexing/search_config.h"
#include "engine/indexing/text/tokenizer.h"
#include "engine/schema/field_ids.h"

namespace myriad::engine {

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
  // Events: in order, the documents a word (or a word in one field) was added to
  // (bit 0 set) or removed from; the last event of a document wins. Cheap to
  // append; Finish folds them into bitmaps.
  using Events = std::vector<uint64_t>;
  static constexpr uint32_t kNoWordId = UINT32_MAX;
  // Events keyed by a u16 (a field id, a bucketed position): a word lies in few
  // fields and few position buckets, so a short list beats a map.
  using KeyedEvents = std::vector<std::pair<uint16_t, Events>>;
  // What this txn does to one word: its id, its events, and its events per field
  // and per bucketed position.
  struct WordState {
    std::string word;
    uint32_t id = kNoWordId;
    // Given its id in this txn: nothing is stored for it before Finish.
    bool is_new = false;
    Events events;
    KeyedEvents fields;
    KeyedEvents positions;
    // Its prefixes of 1 to sdbs::kMaxIndexedPrefixChars characters (indices in
    // prefixes_): their fields and positions get its events too.
    std::vector<uint32_t> prefixes;
  };
  // What this txn does to the words starting with one prefix, by field and
  // by bucketed position (sdbs::kPrefixFieldDocids, kPrefixPositionDocids).
  struct PrefixState {
    std::string prefix;
    KeyedEvents fields;
    KeyedEvents positions;
  };
  // One occurrence of a word in a document: its word id and Position, and its
  // WordState (an index in states_).
  struct Posting {
    uint32_t word_id;
    sdbs::Position position;
    uint32_t state;
  };
  // One document's searchable words, sorted by (word id, position) once Extract
  // returns, and how many words each of its searchable fields holds.
  struct Words {
    std::vector<Posting> entries;
    std::vector<std::pair<uint16_t, uint32_t>> field_counts;
  };
  // What the config makes of a field (by id: the same for every document).
  struct FieldRole {
    bool facet = false;
    bool searchable = false;
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  SearchIndexWriter(const SearchDbs& dbs, const SearchConfig& config,
                    const text::Tokenizer& tokenizer, FieldIds fields, uint32_t next_word_id,
                    bool current)
      : dbs_(dbs),
        config_(config),
        tokenizer_(tokenizer),
        fields_(std::move(fields)),
        next_word_id_(next_word_id),
        current_(current),
        facets_(std::make_unique<facet::FacetWriter>(dbs.facets)) {}

  // The document's words; its facet leaves go to facets_ (added or removed).
  Status Extract(const storage::Txn& txn, const boost::json::object& document, uint32_t id,
                 bool removing, Words* words);
  // Records `event` (see Events) for each distinct word of `words`, each of
  // their fields and position buckets, each field's word count and each pair
  // of adjacent words.
  void RecordEvents(const Words& words, uint64_t event);
  // Writes, in key order, the events that each word's `member` (its fields or
  // its positions) holds to `db` under WordKey(word id, entry key); clears them.
  Status FlushKeyedEvents(storage::WriteTxn& txn, storage::Database db,
                          KeyedEvents WordState::*member);
  // Writes pair_events_ to kWordPairDocids and clears them.
  Status FlushPairEvents(storage::WriteTxn& txn);
  // Writes each prefix's `member` events to `db` under PrefixKey; clears them.
  Status FlushPrefixEvents(storage::WriteTxn& txn, storage::Database db,
                           KeyedEvents PrefixState::*member);
  // Writes the forward index of document `id` (`new_document`: no document had that id).
  Status PutForwardIndex(storage::WriteTxn& txn, uint32_t id, const Words& words,
                         bool new_document);
  FieldRole RoleOf(std::string_view path, uint16_t fid);
  // The index in states_ of `word`'s state, looking its id up (or assigning
  // one) the first time the txn sees it.
  Result<uint32_t> State(const storage::Txn& txn, std::string_view word);

  const SearchDbs& dbs_;
  const SearchConfig& config_;
  const text::Tokenizer& tokenizer_;
  FieldIds fields_;
  uint32_t next_word_id_;
  // Every word this txn has seen, and where its state is.
  std::vector<WordState> states_;
  // Flat (open addressing): one lookup per token, and most are hits.
  boost::unordered_flat_map<std::string, uint32_t, StringHash, std::equal_to<>> state_of_;
  std::vector<uint32_t> new_words_;  // states_ of the words assigned an id in this txn
  std::vector<PrefixState> prefixes_;
  boost::unordered_flat_map<std::string, uint32_t, StringHash, std::equal_to<>> prefix_of_;
  // Whether every document is indexed with the structures of sdbs::kSearchVersion
  // once this txn commits.
  bool current_ = false;
  // By (field id << 8 | word count): the documents whose field has that count.
  std::vector<std::pair<uint32_t, Events>> count_events_;
  // (sdbs::PackWordPair of two adjacent words, event), in the order recorded:
  // a flat list, sorted once by Finish, costs far less than a map of lists
  // for the million or so pairs of a large batch.
  std::vector<std::pair<uint64_t, uint64_t>> pair_events_;
  std::vector<std::pair<sdbs::Position, uint32_t>> by_position_;  // reused by RecordEvents
  std::vector<uint64_t> pairs_;                                   // reused by RecordEvents
  // One document's prefix entries, before they are made unique (RecordEvents).
  std::vector<uint64_t> prefix_fields_;
  std::vector<uint64_t> prefix_positions_;
  std::vector<uint16_t> buckets_;  // reused by RecordEvents
  Delta document_ids_;
  std::unique_ptr<facet::FacetWriter> facets_;
  std::vector<std::optional<FieldRole>> roles_;  // by field id, once known
  std::vector<text::Token> tokens_;              // reused across fields
  std::string text_;                             // reused across fields
  Words words_;                                  // reused across documents
  Words old_words_;
  std::string blob_;
  std::string positions_;
};

}  // namespace myriad::engine
