#include "engine/documents/document_store.h"

#include <lmdb.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <limits>
#include <utility>

#include "engine/documents/document_dbs.h"
#include "engine/documents/json_value.h"
#include "engine/documents/primary_key.h"
#include "storage/cursor.h"
#include "storage/key_codec.h"

namespace myriad::engine {

Status DocumentNotFound(std::string_view external_id) {
  return Status::RequestError("document_not_found",
                              "Document `" + std::string(external_id) + "` not found.",
                              StatusCode::kNotFound);
}

namespace {

Result<uint32_t> DecodeInternalId(std::string_view bytes, std::string_view what) {
  std::optional<uint32_t> id = storage::ConsumeU32BE(bytes);
  if (!id || !bytes.empty()) {
    return Status::Corruption("document store: bad internal id in " + std::string(what));
  }
  return *id;
}

}  // namespace

Result<DocumentStore> DocumentStore::Open(const OpenDatabaseFn& open_db) {
  MYRIAD_ASSIGN_OR_RETURN(storage::Database documents,
                          open_db(std::string(dbs::kDocuments), /*create=*/true));
  MYRIAD_ASSIGN_OR_RETURN(storage::Database external_ids,
                          open_db(std::string(dbs::kExternalIds), /*create=*/true));
  MYRIAD_ASSIGN_OR_RETURN(storage::Database main,
                          open_db(std::string(dbs::kMain), /*create=*/true));
  return DocumentStore(documents, external_ids, main);
}

Result<std::optional<std::string>> DocumentStore::PrimaryKey(const storage::Txn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> value,
                          txn.Get(main_, dbs::kMainPrimaryKey));
  if (!value) return std::optional<std::string>();
  return std::optional<std::string>(std::string(*value));
}

Status DocumentStore::SetPrimaryKey(storage::WriteTxn& txn, std::string_view primary_key) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string> stored, PrimaryKey(txn));
  if (stored && *stored == primary_key) return Status::Ok();
  MYRIAD_ASSIGN_OR_RETURN(uint64_t count, Count(txn));
  if (stored && count > 0) {
    return Status::RequestError("index_primary_key_already_exists",
                                "Index already has a primary key: `" + *stored + "`.");
  }
  return txn.Put(main_, dbs::kMainPrimaryKey, primary_key);
}

Result<AddDocumentsOutcome> DocumentStore::AddDocuments(storage::WriteTxn& txn,
                                                        std::vector<boost::json::object> documents,
                                                        std::optional<std::string> primary_key,
                                                        AddMode mode,
                                                        DocumentObserver* observer) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string> stored, PrimaryKey(txn));
  std::string pk;
  if (stored) {
    if (primary_key && *primary_key != *stored) {
      return Status::RequestError("index_primary_key_already_exists",
                                  "Index already has a primary key: `" + *stored + "`.");
    }
    pk = *stored;
  } else if (primary_key) {
    pk = *primary_key;
  } else {
    MYRIAD_ASSIGN_OR_RETURN(
        pk, InferPrimaryKey(documents.empty() ? boost::json::object() : documents.front()));
  }

  // Every id first: a bad document fails the call before anything is written.
  std::vector<std::string> external_ids;
  external_ids.reserve(documents.size());
  for (const boost::json::object& document : documents) {
    MYRIAD_ASSIGN_OR_RETURN(std::string id, ExternalDocumentId(document, pk));
    external_ids.push_back(std::move(id));
  }

  if (!stored) MYRIAD_RETURN_IF_ERROR(txn.Put(main_, dbs::kMainPrimaryKey, pk));
  MYRIAD_ASSIGN_OR_RETURN(FieldCounts counts, FieldDistribution(txn));
  MYRIAD_ASSIGN_OR_RETURN(uint64_t next_id, NextId(txn));
  const uint64_t first_new_id = next_id;
  JsonReader reader;
  uint64_t written = 0;
  for (size_t i = 0; i < documents.size(); ++i) {
    boost::json::object& document = documents[i];
    MYRIAD_ASSIGN_OR_RETURN(std::optional<uint32_t> existing, InternalId(txn, external_ids[i]));
    if (!existing && mode.skip_creation) continue;
    ++written;
    uint32_t internal_id = 0;
    if (existing) {
      internal_id = *existing;
      MYRIAD_ASSIGN_OR_RETURN(std::optional<boost::json::object> old,
                              ReadDocument(txn, internal_id, reader));
      if (!old) {
        return Status::Corruption("document store: external id `" + external_ids[i] +
                                  "` points to a missing document");
      }
      RemoveFields(counts, *old);
      std::optional<boost::json::object> previous;
      if (observer != nullptr) previous = *old;
      if (!mode.replace) {
        for (auto& field : document) old->insert_or_assign(field.key(), std::move(field.value()));
        document = std::move(*old);
      }
      if (observer != nullptr) {
        MYRIAD_RETURN_IF_ERROR(observer->OnPut(txn, internal_id, &*previous, document));
      }
    } else {
      if (next_id > std::numeric_limits<uint32_t>::max()) {
        return Status::ResourceExhausted("document store: internal document ids exhausted");
      }
      internal_id = static_cast<uint32_t>(next_id++);
      MYRIAD_RETURN_IF_ERROR(
          txn.Put(external_ids_, external_ids[i], dbs::EncodeInternalId(internal_id)));
      if (observer != nullptr) {
        MYRIAD_RETURN_IF_ERROR(observer->OnPut(txn, internal_id, nullptr, document));
      }
    }
    AddFields(counts, document);
    if (existing) {
      MYRIAD_RETURN_IF_ERROR(txn.Put(documents_, dbs::EncodeInternalId(internal_id),
                                     boost::json::serialize(document)));
    } else {
      MYRIAD_RETURN_IF_ERROR(
          dbs::PutNewInternalId(txn, documents_, internal_id, boost::json::serialize(document)));
    }
  }
  if (next_id != first_new_id) {
    MYRIAD_RETURN_IF_ERROR(txn.Put(main_, dbs::kMainNextId, storage::EncodeU64BE(next_id)));
  }
  MYRIAD_RETURN_IF_ERROR(PutFieldDistribution(txn, counts));
  return AddDocumentsOutcome{written, std::move(pk)};
}

Result<uint64_t> DocumentStore::DeleteDocuments(storage::WriteTxn& txn,
                                                const std::vector<std::string>& external_ids,
                                                DocumentObserver* observer) const {
  MYRIAD_ASSIGN_OR_RETURN(std::vector<uint32_t> internal_ids, InternalIds(txn, external_ids));
  return DeleteByInternalIds(txn, internal_ids, observer);
}

Result<uint64_t> DocumentStore::DeleteByInternalIds(storage::WriteTxn& txn,
                                                    const std::vector<uint32_t>& internal_ids,
                                                    DocumentObserver* observer) const {
  MYRIAD_ASSIGN_OR_RETURN(FieldCounts counts, FieldDistribution(txn));
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string> pk, PrimaryKey(txn));
  JsonReader reader;
  uint64_t deleted = 0;
  for (uint32_t internal_id : internal_ids) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<boost::json::object> document,
                            ReadDocument(txn, internal_id, reader));
    if (!document) continue;
    Result<std::string> external_id = ExternalDocumentId(*document, pk.value_or(""));
    if (!external_id.ok()) {
      return Status::Corruption("document store: a stored document has no valid id");
    }
    RemoveFields(counts, *document);
    if (observer != nullptr) {
      MYRIAD_RETURN_IF_ERROR(observer->OnDelete(txn, internal_id, *document));
    }
    MYRIAD_RETURN_IF_ERROR(txn.Delete(documents_, dbs::EncodeInternalId(internal_id)));
    MYRIAD_RETURN_IF_ERROR(txn.Delete(external_ids_, *external_id));
    ++deleted;
  }
  if (deleted > 0) MYRIAD_RETURN_IF_ERROR(PutFieldDistribution(txn, counts));
  return deleted;
}

Result<uint64_t> DocumentStore::Clear(storage::WriteTxn& txn, DocumentObserver* observer) const {
  MYRIAD_ASSIGN_OR_RETURN(uint64_t count, Count(txn));
  if (observer != nullptr) MYRIAD_RETURN_IF_ERROR(observer->OnClear(txn));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(documents_));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(external_ids_));
  MYRIAD_RETURN_IF_ERROR(PutFieldDistribution(txn, FieldCounts()));
  return count;
}

Result<std::optional<boost::json::object>> DocumentStore::Get(const storage::Txn& txn,
                                                              std::string_view external_id) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<uint32_t> internal_id, InternalId(txn, external_id));
  if (!internal_id) return std::optional<boost::json::object>();
  JsonReader reader;
  return ReadDocument(txn, *internal_id, reader);
}

Result<DocumentPage> DocumentStore::List(const storage::Txn& txn, uint64_t offset,
                                         uint64_t limit) const {
  DocumentPage page;
  MYRIAD_ASSIGN_OR_RETURN(page.total, Count(txn));
  if (offset >= page.total || limit == 0) return page;
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, documents_));
  MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.First());
  for (uint64_t skipped = 0; found && skipped < offset; ++skipped) {
    MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
  }
  JsonReader reader;
  while (found && page.documents.size() < limit) {
    Result<boost::json::object> document = reader.ParseObject(cursor.value());
    if (!document.ok()) {
      return Status::Corruption("document store: stored document: " + document.status().message());
    }
    page.documents.push_back(std::move(document).value());
    MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
  }
  return page;
}

Result<std::vector<uint32_t>> DocumentStore::InternalIds(
    const storage::Txn& txn, const std::vector<std::string>& external_ids) const {
  std::vector<uint32_t> ids;
  for (const std::string& external_id : external_ids) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<uint32_t> id, InternalId(txn, external_id));
    if (id) ids.push_back(*id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Result<DocumentPage> DocumentStore::ListAmong(const storage::Txn& txn,
                                              const std::vector<uint32_t>& ids, uint64_t offset,
                                              uint64_t limit) const {
  DocumentPage page;
  page.total = ids.size();
  JsonReader reader;
  for (uint64_t i = offset; i < ids.size() && page.documents.size() < limit; ++i) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<boost::json::object> document,
                            ReadDocument(txn, ids[i], reader));
    if (!document) return Status::Corruption("document store: a listed document is missing");
    page.documents.push_back(std::move(*document));
  }
  return page;
}

Result<std::optional<boost::json::object>> DocumentStore::GetByInternalId(
    const storage::Txn& txn, uint32_t internal_id) const {
  JsonReader reader;
  return ReadDocument(txn, internal_id, reader);
}

Result<std::optional<std::string_view>> DocumentStore::GetTextByInternalId(
    const storage::Txn& txn, uint32_t internal_id) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                          txn.Get(documents_, dbs::EncodeInternalId(internal_id)));
  if (text && (text->size() < 2 || text->front() != '{' || text->back() != '}')) {
    return Status::Corruption("document store: a stored document is not a JSON object");
  }
  return text;
}

Status DocumentStore::ForEach(
    const storage::Txn& txn,
    const std::function<Status(uint32_t, const boost::json::object&)>& f) const {
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, documents_));
  JsonReader reader;
  MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.First());
  while (found) {
    std::string_view key = cursor.key();
    MYRIAD_ASSIGN_OR_RETURN(uint32_t id, DecodeInternalId(key, dbs::kDocuments));
    Result<boost::json::object> document = reader.ParseObject(cursor.value());
    if (!document.ok()) {
      return Status::Corruption("document store: stored document: " + document.status().message());
    }
    MYRIAD_RETURN_IF_ERROR(f(id, *document));
    MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
  }
  return Status::Ok();
}

Result<uint64_t> DocumentStore::Count(const storage::Txn& txn) const {
  return txn.EntryCount(documents_);
}

Result<FieldCounts> DocumentStore::FieldDistribution(const storage::Txn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                          txn.Get(main_, dbs::kMainFieldDistribution));
  if (!text) return FieldCounts();
  return DecodeFieldDistribution(*text);
}

Result<std::optional<uint32_t>> DocumentStore::InternalId(const storage::Txn& txn,
                                                          std::string_view external_id) const {
  // LMDB rejects empty and over-long keys; neither can name a stored document.
  if (external_id.empty() || external_id.size() > 511) return std::optional<uint32_t>();
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> value,
                          txn.Get(external_ids_, external_id));
  if (!value) return std::optional<uint32_t>();
  MYRIAD_ASSIGN_OR_RETURN(uint32_t id, DecodeInternalId(*value, dbs::kExternalIds));
  return std::optional<uint32_t>(id);
}

Result<std::optional<boost::json::object>> DocumentStore::ReadDocument(const storage::Txn& txn,
                                                                       uint32_t internal_id,
                                                                       JsonReader& reader) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                          txn.Get(documents_, dbs::EncodeInternalId(internal_id)));
  if (!text) return std::optional<boost::json::object>();
  Result<boost::json::object> document = reader.ParseObject(*text);
  if (!document.ok()) {
    return Status::Corruption("document store: stored document: " + document.status().message());
  }
  return std::optional<boost::json::object>(std::move(document).value());
}

Result<uint64_t> DocumentStore::NextId(const storage::Txn& txn) const {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> value, txn.Get(main_, dbs::kMainNextId));
  if (!value) return uint64_t{0};
  std::string_view bytes = *value;
  std::optional<uint64_t> next = storage::ConsumeU64BE(bytes);
  if (!next || !bytes.empty()) return Status::Corruption("document store: bad next_id");
  return *next;
}

Status DocumentStore::PutFieldDistribution(storage::WriteTxn& txn,
                                           const FieldCounts& counts) const {
  return txn.Put(main_, dbs::kMainFieldDistribution, EncodeFieldDistribution(counts));
}

}  // namespace myriad::engine
