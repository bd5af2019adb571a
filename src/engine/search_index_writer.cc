#include "engine/search_index_writer.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>

#include "engine/bitmap_codec.h"
#include "engine/document_leaves.h"
#include "engine/engine_dbs.h"
#include "engine/varint.h"
#include "storage/key_codec.h"

namespace myriad::engine {
namespace {

// The text a searchable leaf contributes: strings as they are, numbers and
// booleans as their JSON text (Meilisearch indexes them as words too).
bool LeafText(const boost::json::value& v, std::string* out) {
  switch (v.kind()) {
    case boost::json::kind::string:
      out->assign(v.get_string());
      return true;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
    case boost::json::kind::bool_:
      *out = boost::json::serialize(v);
      return true;
    default:
      return false;
  }
}

// Applies `delta` to the bitmap stored under `key`: (stored - removed) | added.
// An emptied bitmap's key is deleted.
Status ApplyDelta(storage::WriteTxn& txn, storage::Database db, std::string_view key,
                  const Roaring& added, const Roaring& removed) {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored, txn.Get(db, key));
  Roaring bitmap;
  if (stored) {
    MYRIAD_ASSIGN_OR_RETURN(bitmap, DecodeBitmap(*stored));
  }
  bitmap -= removed;
  bitmap |= added;
  if (bitmap.isEmpty()) return stored ? txn.Delete(db, key) : Status::Ok();
  bitmap.runOptimize();
  return txn.Put(db, key, EncodeBitmap(bitmap));
}

// The net change that `events` (see WordState) make; clears them.
void FoldEvents(std::vector<uint64_t>& events, std::vector<uint32_t>& scratch, Roaring* added,
                Roaring* removed) {
  if (std::all_of(events.begin(), events.end(), [](uint64_t e) { return (e & 1) != 0; })) {
    scratch.clear();
    for (uint64_t e : events) scratch.push_back(static_cast<uint32_t>(e >> 1));
    added->addMany(scratch.size(), scratch.data());
  } else {
    for (uint64_t e : events) {
      const auto doc = static_cast<uint32_t>(e >> 1);
      if ((e & 1) != 0) {
        added->add(doc);
        removed->remove(doc);
      } else {
        removed->add(doc);
        added->remove(doc);
      }
    }
  }
  events.clear();
}

Status DeleteIfPresent(storage::WriteTxn& txn, storage::Database db, std::string_view key) {
  Status deleted = txn.Delete(db, key);
  return deleted.code() == StatusCode::kNotFound ? Status::Ok() : deleted;
}

}  // namespace

Result<SearchDbs> SearchDbs::Open(const OpenDatabaseFn& open_db) {
  SearchDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.main, open_db(std::string(dbs::kMain), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_docids, open_db(std::string(sdbs::kWordDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_ids, open_db(std::string(sdbs::kWordIds), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.doc_words, open_db(std::string(sdbs::kDocWords), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_field_docids,
                          open_db(std::string(sdbs::kWordFieldDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.facets, facet::FacetDbs::Open(open_db));
  return dbs;
}

Result<std::unique_ptr<SearchIndexWriter>> SearchIndexWriter::Begin(
    const storage::Txn& txn, const SearchDbs& dbs, const SearchConfig& config,
    const text::Tokenizer& tokenizer) {
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, dbs.main));
  uint32_t next_word_id = 0;
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored,
                          txn.Get(dbs.main, sdbs::kMainNextWordId));
  if (stored) {
    std::optional<uint32_t> id = storage::ConsumeU32BE(*stored);
    if (!id) return Status::Corruption("search index: bad next word id");
    next_word_id = *id;
  }
  // Complete already, or trivially so while the index holds no document.
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> complete,
                          txn.Get(dbs.main, sdbs::kMainWordFieldComplete));
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> documents,
                          txn.Get(dbs.main, sdbs::kMainDocumentIds));
  return std::unique_ptr<SearchIndexWriter>(
      new SearchIndexWriter(dbs, config, tokenizer, std::move(fields), next_word_id,
                            complete.has_value() || !documents.has_value()));
}

Status SearchIndexWriter::Extract(const boost::json::object& document, uint32_t id, bool removing,
                                  Words* words) {
  Status status;
  // Where the next value of each field starts: values of one field (array
  // elements) are kept apart as a hard separator would.
  std::unordered_map<uint16_t, uint32_t> next_position;
  std::string text;
  ForEachLeaf(document, [&](const Leaf& leaf) {
    if (!status.ok()) return;
    Result<uint16_t> fid = fields_.FindOrAdd(leaf.path);
    if (!fid.ok()) {
      status = fid.status();
      return;
    }
    if (config_.IsFacet(leaf.path)) {
      if (removing) {
        facets_->Remove(id, *fid, leaf.value, leaf.array_index >= 0);
      } else {
        facets_->Add(id, *fid, leaf.value, leaf.array_index >= 0);
      }
    }
    if (!config_.SearchableRank(leaf.path, *fid) || !LeafText(leaf.value, &text)) return;
    tokens_.clear();
    tokenizer_.TokenizeInto(text, &tokens_);
    if (tokens_.empty()) return;
    auto it = next_position.try_emplace(*fid, 0).first;
    const uint32_t base = it->second;
    for (text::Token& token : tokens_) {
      const uint32_t pos = base + token.position;
      if (pos > sdbs::kMaxPositionInField) break;
      if (config_.stop_words.contains(token.word)) continue;
      words->entries.emplace_back(std::move(token.word), sdbs::EncodePosition(*fid, pos));
    }
    it->second = base + tokens_.back().position + text::kHardSeparatorDistance;
  });
  std::sort(words->entries.begin(), words->entries.end());
  return status;
}

Status SearchIndexWriter::RemoveWords(const storage::Txn& txn, const Words& words, uint32_t id) {
  const uint64_t event = uint64_t{id} << 1;
  const std::string* previous = nullptr;
  uint32_t word_id = 0;
  uint64_t previous_field = UINT64_MAX;
  for (const auto& [word, position] : words.entries) {
    if (previous == nullptr || *previous != word) {
      previous = &word;
      WordState& state = words_[word];
      state.events.push_back(event);
      MYRIAD_ASSIGN_OR_RETURN(word_id, WordId(txn, word, state));
    }
    const uint64_t field = sdbs::PackWordField(word_id, sdbs::PositionField(position));
    if (field != previous_field) field_events_[field].push_back(event);
    previous_field = field;
  }
  return Status::Ok();
}

Result<uint32_t> SearchIndexWriter::WordId(const storage::Txn& txn, const std::string& word,
                                           WordState& state) {
  if (state.id != kNoWordId) return state.id;
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored, txn.Get(dbs_.word_ids, word));
  uint32_t id = 0;
  if (stored) {
    std::optional<uint32_t> decoded = storage::ConsumeU32BE(*stored);
    if (!decoded) return Status::Corruption("search index: bad word id");
    id = *decoded;
  } else {
    if (next_word_id_ == UINT32_MAX) return Status::ResourceExhausted("word ids exhausted");
    id = next_word_id_++;
    new_words_.push_back(word);
  }
  state.id = id;
  return id;
}

Status SearchIndexWriter::AddWords(storage::WriteTxn& txn, uint32_t id, const Words& words) {
  // (word id, position) pairs; `words` is sorted by word, so each word is looked up once.
  std::vector<std::pair<uint32_t, sdbs::Position>> postings;
  postings.reserve(words.entries.size());
  const std::string* previous = nullptr;
  uint32_t word_id = 0;
  const uint64_t event = (uint64_t{id} << 1) | 1;
  for (const auto& [word, position] : words.entries) {
    if (previous == nullptr || *previous != word) {
      WordState& state = words_[word];
      state.events.push_back(event);
      MYRIAD_ASSIGN_OR_RETURN(word_id, WordId(txn, word, state));
      previous = &word;
    }
    postings.emplace_back(word_id, position);
  }
  std::sort(postings.begin(), postings.end());
  postings.erase(std::unique(postings.begin(), postings.end()), postings.end());
  uint64_t previous_field = UINT64_MAX;
  for (const auto& [posting_word, position] : postings) {
    const uint64_t field = sdbs::PackWordField(posting_word, sdbs::PositionField(position));
    if (field != previous_field) field_events_[field].push_back(event);
    previous_field = field;
  }
  std::string blob;
  std::string positions;
  uint32_t previous_word = 0;
  for (size_t i = 0; i < postings.size();) {
    size_t end = i;
    while (end < postings.size() && postings[end].first == postings[i].first) ++end;
    AppendVarint(blob, postings[i].first - previous_word);
    previous_word = postings[i].first;
    AppendVarint(blob, static_cast<uint32_t>(end - i));
    positions.clear();
    sdbs::Position previous_position = 0;
    for (size_t k = i; k < end; ++k) {
      AppendVarint(positions, postings[k].second - previous_position);
      previous_position = postings[k].second;
    }
    AppendVarint(blob, static_cast<uint32_t>(positions.size()));
    blob += positions;
    i = end;
  }
  return txn.Put(dbs_.doc_words, dbs::EncodeInternalId(id), blob);
}

Status SearchIndexWriter::OnPut(storage::WriteTxn& txn, uint32_t id,
                                const boost::json::object* old_document,
                                const boost::json::object& document) {
  if (old_document != nullptr) {
    Words old_words;
    MYRIAD_RETURN_IF_ERROR(Extract(*old_document, id, /*removing=*/true, &old_words));
    // Removed first, so that a document put twice in one txn keeps only its last words.
    MYRIAD_RETURN_IF_ERROR(RemoveWords(txn, old_words, id));
  }
  Words words;
  MYRIAD_RETURN_IF_ERROR(Extract(document, id, /*removing=*/false, &words));
  document_ids_.added.add(id);
  document_ids_.removed.remove(id);
  return AddWords(txn, id, words);
}

Status SearchIndexWriter::OnDelete(storage::WriteTxn& txn, uint32_t id,
                                   const boost::json::object& document) {
  Words words;
  MYRIAD_RETURN_IF_ERROR(Extract(document, id, /*removing=*/true, &words));
  MYRIAD_RETURN_IF_ERROR(RemoveWords(txn, words, id));
  document_ids_.removed.add(id);
  document_ids_.added.remove(id);
  return DeleteIfPresent(txn, dbs_.doc_words, dbs::EncodeInternalId(id));
}

Status SearchIndexWriter::OnClear(storage::WriteTxn& txn) {
  // Pending events are moot; word ids stay valid.
  for (auto& [word, state] : words_) state.events.clear();
  field_events_.clear();
  word_field_complete_ = true;
  document_ids_ = Delta();
  MYRIAD_RETURN_IF_ERROR(DeleteIfPresent(txn, dbs_.main, sdbs::kMainDocumentIds));
  facets_ = std::make_unique<facet::FacetWriter>(dbs_.facets);
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.doc_words));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_field_docids));
  return facet::FacetWriter::Clear(txn, dbs_.facets);
}

Status SearchIndexWriter::Finish(storage::WriteTxn& txn) {
  std::vector<std::pair<const std::string, WordState>*> sorted;
  sorted.reserve(words_.size());
  for (auto& entry : words_) {
    if (!entry.second.events.empty()) sorted.push_back(&entry);
  }
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::vector<uint32_t> ids;
  for (auto* entry : sorted) {
    Delta delta;
    FoldEvents(entry->second.events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(
        ApplyDelta(txn, dbs_.word_docids, entry->first, delta.added, delta.removed));
  }
  std::vector<std::pair<uint64_t, std::vector<uint64_t>*>> fields;
  fields.reserve(field_events_.size());
  for (auto& [field, events] : field_events_) {
    if (!events.empty()) fields.emplace_back(field, &events);
  }
  std::sort(fields.begin(), fields.end());
  for (auto& [field, events] : fields) {
    Delta delta;
    FoldEvents(*events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(ApplyDelta(txn, dbs_.word_field_docids, sdbs::WordFieldKey(field),
                                      delta.added, delta.removed));
  }
  if (word_field_complete_) {
    MYRIAD_RETURN_IF_ERROR(txn.Put(dbs_.main, sdbs::kMainWordFieldComplete, ""));
  }
  MYRIAD_RETURN_IF_ERROR(ApplyDelta(txn, dbs_.main, sdbs::kMainDocumentIds, document_ids_.added,
                                    document_ids_.removed));
  document_ids_ = Delta();
  if (!new_words_.empty()) {
    std::sort(new_words_.begin(), new_words_.end());
    for (const std::string& word : new_words_) {
      MYRIAD_RETURN_IF_ERROR(txn.Put(dbs_.word_ids, word, storage::EncodeU32BE(words_[word].id)));
    }
    MYRIAD_RETURN_IF_ERROR(
        txn.Put(dbs_.main, sdbs::kMainNextWordId, storage::EncodeU32BE(next_word_id_)));
    new_words_.clear();
  }
  MYRIAD_RETURN_IF_ERROR(facets_->Flush(txn));
  return fields_.Store(txn, dbs_.main);
}

}  // namespace myriad::engine
