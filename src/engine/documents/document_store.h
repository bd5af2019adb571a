// DocumentStore: the documents of one index (no search), in LMDB databases of
// the index's env (document_dbs.h), inside transactions the caller opens, commits
// or aborts.
//
// Thread safety: immutable after Open; one DocumentStore may be shared by threads.
// Each call uses only the transaction it is given, whose thread rules apply
// (storage/txn.h); LMDB's single writer serializes writes.
// Ownership: holds database handles only; the env must outlive it.
// Errors: request errors are Status::RequestError (with Meilisearch's code),
// environment errors other Statuses. After any error from a write, the caller aborts the
// transaction: a failed call may have written part of its work.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/documents/document_observer.h"
#include "engine/documents/field_distribution.h"
#include "storage/env.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::engine {

class JsonReader;

// Opens (creating when `create`) a named database of the index's env, as
// index_mapper's IndexHandle::OpenDatabase does.
using OpenDatabaseFn =
    std::function<Result<storage::Database>(const std::string& name, bool create)>;

struct AddDocumentsOutcome {
  // Documents in the call, duplicates included.
  uint64_t indexed_documents = 0;
  // The primary key the call used (and stored, if the index had none).
  std::string primary_key;
};

struct DocumentPage {
  // In insertion order (of each document's first insertion).
  std::vector<boost::json::object> documents;
  // Documents in the index.
  uint64_t total = 0;
};

// The request error "Document `<external_id>` not found.", for callers that
// turn a missing Get into an error.
Status DocumentNotFound(std::string_view external_id);

// How an addition meets the documents already stored.
struct AddMode {
  // POST: a document replaces the stored one with its id; PUT (false): its
  // fields are merged into it.
  bool replace = true;
  // Meilisearch's `skipCreation`: documents whose id is not stored yet are
  // left out (and not counted as indexed).
  bool skip_creation = false;
};

class DocumentStore {
 public:
  // Opens (creating) the store's databases.
  // REQUIRES: the calling thread holds no write transaction of the env.
  static Result<DocumentStore> Open(const OpenDatabaseFn& open_db);

  // The index's primary key, or nullopt when it has none yet.
  Result<std::optional<std::string>> PrimaryKey(const storage::Txn& txn) const;

  // Sets the primary key. index_primary_key_already_exists when the index has documents
  // and `primary_key` differs from the stored one.
  Status SetPrimaryKey(storage::WriteTxn& txn, std::string_view primary_key) const;

  // Adds documents; a document whose id exists already is replaced (`replace`,
  // POST) or gets its top-level fields overwritten by the new ones (`!replace`,
  // PUT); with `skip_creation`, one whose id does not is left out. Later documents of the call win
  // over earlier ones with the same id. A replaced document keeps its place in insertion order. The
  // primary key: the stored one; else `primary_key`; else inferred from the first document
  // (InferPrimaryKey; an empty call then fails with index_primary_key_no_candidate_found). A
  // `primary_key` that differs from a stored one fails with index_primary_key_already_exists. Every
  // document id is checked before anything is written: missing_document_id / invalid_document_id
  // fail the whole call. Every request error (Status::IsRequestError) comes before the first write
  // and the first call to `observer`, so the transaction can go on (Index's DocumentBatch does).
  // `observer`, when given, is told of each document written.
  Result<AddDocumentsOutcome> AddDocuments(storage::WriteTxn& txn,
                                           std::vector<boost::json::object> documents,
                                           std::optional<std::string> primary_key, AddMode mode,
                                           DocumentObserver* observer = nullptr) const;

  // Deletes the documents with these external ids; absent ids are skipped.
  // Returns how many were deleted.
  Result<uint64_t> DeleteDocuments(storage::WriteTxn& txn,
                                   const std::vector<std::string>& external_ids,
                                   DocumentObserver* observer = nullptr) const;

  // Deletes the documents with these internal ids; absent ones are skipped.
  Result<uint64_t> DeleteByInternalIds(storage::WriteTxn& txn,
                                       const std::vector<uint32_t>& internal_ids,
                                       DocumentObserver* observer = nullptr) const;

  // Deletes every document, keeping the primary key. Returns how many were deleted.
  Result<uint64_t> Clear(storage::WriteTxn& txn, DocumentObserver* observer = nullptr) const;

  // The document with this internal id, or nullopt.
  Result<std::optional<boost::json::object>> GetByInternalId(const storage::Txn& txn,
                                                             uint32_t internal_id) const;
  // The same document as the JSON text it is stored as (boost::json::serialize's
  // output, which re-serializing the parsed document reproduces byte for byte),
  // or nullopt. The view is valid while `txn` is. Only the braces are checked:
  // callers that copy it into an answer skip the parse.
  Result<std::optional<std::string_view>> GetTextByInternalId(const storage::Txn& txn,
                                                              uint32_t internal_id) const;
  // Calls `f(internal id, document)` for every document in insertion order.
  Status ForEach(const storage::Txn& txn,
                 const std::function<Status(uint32_t, const boost::json::object&)>& f) const;
  // The main database (index-wide values), shared with search (indexing/index_dbs.h).
  storage::Database main() const { return main_; }

  // The document with this external id, or nullopt.
  Result<std::optional<boost::json::object>> Get(const storage::Txn& txn,
                                                 std::string_view external_id) const;

  // At most `limit` documents from position `offset` in insertion order, and the total.
  Result<DocumentPage> List(const storage::Txn& txn, uint64_t offset, uint64_t limit) const;

  // The internal ids of these external ids, sorted and unique; absent ids are skipped.
  Result<std::vector<uint32_t>> InternalIds(const storage::Txn& txn,
                                            const std::vector<std::string>& external_ids) const;

  // At most `limit` of the documents `ids` from position `offset`; total is ids.size().
  // REQUIRES: `ids` are internal ids of stored documents.
  Result<DocumentPage> ListAmong(const storage::Txn& txn, const std::vector<uint32_t>& ids,
                                 uint64_t offset, uint64_t limit) const;

  Result<uint64_t> Count(const storage::Txn& txn) const;

  // For each top-level field, how many documents have it.
  Result<FieldCounts> FieldDistribution(const storage::Txn& txn) const;

 private:
  DocumentStore(storage::Database documents, storage::Database external_ids, storage::Database main)
      : documents_(documents), external_ids_(external_ids), main_(main) {}

  Result<std::optional<uint32_t>> InternalId(const storage::Txn& txn,
                                             std::string_view external_id) const;
  Result<std::optional<boost::json::object>> ReadDocument(const storage::Txn& txn,
                                                          uint32_t internal_id,
                                                          JsonReader& reader) const;
  Result<uint64_t> NextId(const storage::Txn& txn) const;
  Status PutFieldDistribution(storage::WriteTxn& txn, const FieldCounts& counts) const;

  storage::Database documents_;
  storage::Database external_ids_;
  storage::Database main_;
};

}  // namespace myriad::engine
