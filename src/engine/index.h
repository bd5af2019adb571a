// Index: one index's documents and search structures, kept together. Every
// write goes through here so the search index stays exact: documents are
// written by the DocumentStore, observed by a SearchIndexWriter, in the
// caller's write transaction; settings changes reindex what they affect.
//
// Thread safety: immutable after Open; calls use only the transaction given,
// whose thread rules apply (storage/txn.h).
// Ownership: holds database handles only; the env must outlive it.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/documents/document_store.h"
#include "engine/indexing/search_index_writer.h"
#include "engine/schema/index_settings.h"
#include "engine/schema/settings_patch.h"
#include "engine/search/search.h"
#include "engine/search/search_request.h"
#include "engine/search/word_list_cache.h"

namespace myriad::engine {

// How indexing and search read `settings`.
SearchConfig ConfigFor(const settings::IndexSettings& settings);

class DocumentBatch;

class Index {
 public:
  // REQUIRES: the calling thread holds no write transaction of the env.
  static Result<Index> Open(const OpenDatabaseFn& open_db);
  // Every database Open opens, for callers to create together beforehand
  // (storage::Env::CreateDatabases): a new index then costs one commit, not one
  // per database.
  static std::vector<std::string> DatabaseNames();

  const DocumentStore& store() const { return store_; }

  // The stored settings; a fresh index's defaults when none were stored.
  Result<settings::IndexSettings> LoadSettings(const storage::Txn& txn) const;

  // As DocumentStore's, keeping the search structures exact.
  Result<AddDocumentsOutcome> AddDocuments(storage::WriteTxn& txn,
                                           std::vector<boost::json::object> documents,
                                           std::optional<std::string> primary_key,
                                           AddMode mode) const;
  Result<uint64_t> DeleteDocuments(storage::WriteTxn& txn,
                                   const std::vector<std::string>& external_ids) const;
  Result<uint64_t> Clear(storage::WriteTxn& txn) const;
  // Several additions and deletions by id in `txn`, whose search structures are
  // written once, by DocumentBatch::Finish: a batch of tasks then reads and writes
  // each word's bitmap once, not once per task.
  // REQUIRES: `txn` outlives the batch; no other write uses `txn` until Finish.
  Result<std::unique_ptr<DocumentBatch>> BeginDocumentBatch(storage::WriteTxn& txn) const;
  // Deletes the documents `filter` selects (errors: invalid_document_filter).
  Result<uint64_t> DeleteByFilter(storage::WriteTxn& txn, std::string_view uid,
                                  const boost::json::value& filter) const;

  // The internal ids of the documents `filter` selects (all when null), in
  // `sort` order, else insertion order. Errors: invalid_document_filter,
  // invalid_document_sort.
  Result<std::vector<uint32_t>> BrowseIds(const storage::Txn& txn, std::string_view uid,
                                          const boost::json::value& filter,
                                          const std::vector<std::string>& sort) const;

  // Applies `patch` to the stored settings and rebuilds the search structures
  // when the change requires it (settings::WhatChanged). Request errors: the
  // patch's conflicts with the stored settings (invalid_settings_*).
  Status UpdateSettings(storage::WriteTxn& txn, const settings::SettingsPatch& patch) const;

  // engine::Search's response text. `words`: where the index's word list may
  // be cached (none: the typo walk reads LMDB).
  Result<std::string> Search(const storage::Txn& txn, std::string_view uid,
                             const SearchRequest& request,
                             std::optional<WordListSource> words = std::nullopt) const;

  // Rebuilds every search structure from the stored documents and settings.
  Status Reindex(storage::WriteTxn& txn) const;

  const SearchDbs& dbs() const { return dbs_; }

 private:
  friend class DocumentBatch;
  Index(DocumentStore store, SearchDbs dbs) : store_(std::move(store)), dbs_(dbs) {}
  // Runs `write(observer)` with a writer for the stored settings, then finishes it.
  template <typename Fn>
  auto Observed(storage::WriteTxn& txn, Fn&& write) const -> decltype(write(nullptr));
  Status Reindex(storage::WriteTxn& txn, const settings::IndexSettings& settings) const;
  // Reindexes an index whose search structures are older than this build's
  // (ReadSearchVersion), so that the write that follows keeps them whole.
  Status UpgradeIfOutdated(storage::WriteTxn& txn, const settings::IndexSettings& settings) const;

  DocumentStore store_;
  SearchDbs dbs_;
};

// DocumentBatch: see Index::BeginDocumentBatch. Calls apply in order, as the same
// calls in separate transactions would.
// Thread safety: one thread, the transaction's.
// Ownership: borrows the Index and the transaction, which must outlive it.
class DocumentBatch {
 public:
  DocumentBatch(const DocumentBatch&) = delete;
  DocumentBatch& operator=(const DocumentBatch&) = delete;

  // As Index::AddDocuments. A request error (Status::IsRequestError) has written
  // nothing (DocumentStore::AddDocuments checks everything first), so the batch
  // goes on without that call. After an environment error (Status) the caller
  // aborts the transaction.
  Result<AddDocumentsOutcome> AddDocuments(std::vector<boost::json::object> documents,
                                           std::optional<std::string> primary_key, AddMode mode);
  // As Index::DeleteDocuments.
  Result<uint64_t> DeleteDocuments(const std::vector<std::string>& external_ids);
  // Writes the search structures. REQUIRES: called once, last.
  Status Finish();

 private:
  friend class Index;
  DocumentBatch(const Index& index, storage::WriteTxn& txn, SearchConfig config)
      : index_(index), txn_(txn), config_(std::move(config)), tokenizer_(config_.tokenizer) {}

  const Index& index_;
  storage::WriteTxn& txn_;
  // The writer borrows both: declared before it, destroyed after it.
  const SearchConfig config_;
  const text::Tokenizer tokenizer_;
  std::unique_ptr<SearchIndexWriter> writer_;
};

}  // namespace myriad::engine
