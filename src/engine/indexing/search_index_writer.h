// SearchIndexWriter: keeps an index's search structures exact as documents
// change. It observes the document store's writes (DocumentObserver) in one
// write transaction, logs what each document adds to and removes from every
// bitmap database in memory, and writes each touched bitmap once per flush: a
// task that adds 10,000 documents reads and writes each key once.
//
// Per document it writes its forward index (sdbs::kDocWords: word ids with
// positions) at once; the ranking rules read it at search time. The bitmaps
// (index_dbs.h: words, words by field and by bucketed position, field word
// counts, adjacent pairs, prefixes by field and by position) are written by
// Flush: at Finish, when a document is changed a second time in the txn (its
// adds and removes stay disjoint), and when the logs pass kMaxPendingEntries
// (a large payload's memory stays bounded).
// An updated document logs only the keys its versions do not share. A word is
// hashed once per occurrence and looked up in LMDB once per txn; the rest of
// the work is on integer word ids.
//
// Thread safety: one thread, inside one write transaction.
// Ownership: borrows the config and tokenizer, which must outlive it.
#pragma once

#include <array>
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
#include "engine/indexing/keyed_doc_log.h"
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
  static constexpr uint32_t kNoWordId = UINT32_MAX;
  // A word this txn has seen: its id and its prefixes of 1 to
  // sdbs::kMaxIndexedPrefixChars characters (indices in prefixes_).
  struct WordState {
    std::string word;
    uint32_t id = kNoWordId;
    bool awaiting_id = false;  // in new_words_, its id assigned when Extract returns
    std::vector<uint32_t> prefixes;
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
  // The bitmap databases the writer logs changes for, and the keys one
  // document holds in each: its words (WordState indices), PackWordKey(word id,
  // field id), PackWordKey(word id, bucketed position), field id << 8 | word
  // count, PackWordPair of adjacent words, and PrefixEntry(prefix, field id or
  // bucketed position).
  enum KeyList { kWords, kFields, kPositions, kCounts, kPairs, kPrefixFields, kPrefixPositions };
  static constexpr size_t kKeyLists = 7;
  using DocumentKeys = std::array<std::vector<uint64_t>, kKeyLists>;
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
  // The keys of `words` (see DocumentKeys): sorted and unique when `sorted`,
  // else unique but for pairs, in no order.
  void CollectKeys(const Words& words, bool sorted, DocumentKeys* keys);
  // Records that document `id` changes from `old_keys` (none when null) to `keys`.
  void Record(uint32_t id, const DocumentKeys* old_keys, const DocumentKeys& keys);
  // Writes every pending change to the bitmap databases; the word ids, facets
  // and the rest wait for Finish. `keep_memory`: more changes follow in this
  // txn, so the logs keep their capacity.
  Status Flush(storage::WriteTxn& txn, bool keep_memory);
  // Writes the forward index of document `id` (`new_document`: no document had that id).
  Status PutForwardIndex(storage::WriteTxn& txn, uint32_t id, const Words& words,
                         bool new_document);
  FieldRole RoleOf(std::string_view path, uint16_t fid);
  // The index in states_ of `word`'s state, looking its id up (or assigning
  // one) the first time the txn sees it.
  Result<uint32_t> State(const storage::Txn& txn, std::string_view word);
  // The pending entries of every log: past kMaxPendingEntries, OnPut flushes
  // (a large payload's memory stays bounded).
  size_t PendingEntries() const;
  static constexpr size_t kMaxPendingEntries = size_t{32} << 20;

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
  std::vector<std::string> prefixes_;
  boost::unordered_flat_map<std::string, uint32_t, StringHash, std::equal_to<>> prefix_of_;
  // Whether every document is indexed with the structures of sdbs::kSearchVersion
  // once this txn commits.
  bool current_ = false;
  // The documents whose changes are pending in the logs below (see
  // KeyedDocDelta: a document touched twice flushes first).
  Roaring touched_;
  // By KeyList: words keyed by WordState index and prefixes by PrefixEntry,
  // both renumbered in key order by Flush.
  std::array<KeyedDocDelta, kKeyLists> deltas_;
  std::vector<KeyedDocLog::Entry> sort_scratch_;  // reused by Flush
  DocumentKeys keys_;                             // reused across documents
  DocumentKeys old_keys_;                         // reused across documents
  // Reused by CollectKeys: (Position, WordState index) of a document, and the
  // stamps that tell whether a prefix is already among its keys in this field
  // (by prefix) or at this bucket (by prefix and bucket ordinal).
  std::vector<std::pair<sdbs::Position, uint32_t>> by_position_;
  std::vector<uint32_t> prefix_field_stamps_;
  std::vector<uint32_t> prefix_position_stamps_;
  uint32_t field_stamp_ = 0;
  uint32_t document_stamp_ = 0;
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
