#include "engine/indexing/search_index_writer.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>

#include "engine/documents/document_dbs.h"
#include "engine/documents/document_leaves.h"
#include "storage/bitmap_codec.h"
#include "storage/key_codec.h"
#include "storage/varint.h"
#include "util/utf8.h"

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
// `absent`: the caller knows that no bitmap is stored under `key` (a word given
// its id in this txn), which saves the read.
Status ApplyDelta(storage::WriteTxn& txn, storage::Database db, std::string_view key,
                  const Roaring& added, const Roaring& removed, bool absent = false) {
  std::optional<std::string_view> stored;
  if (!absent) {
    MYRIAD_ASSIGN_OR_RETURN(stored, txn.Get(db, key));
  }
  Roaring bitmap;
  if (stored) {
    MYRIAD_ASSIGN_OR_RETURN(bitmap, storage::DecodeBitmap(*stored));
  }
  bitmap -= removed;
  bitmap |= added;
  if (bitmap.isEmpty()) return stored ? txn.Delete(db, key) : Status::Ok();
  bitmap.runOptimize();
  return txn.Put(db, key, storage::EncodeBitmap(bitmap));
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

// A prefix (its index) and a u16 (a field id, a bucketed position) as one
// sortable value.
uint64_t PrefixEntry(uint32_t prefix, uint16_t rest) { return (uint64_t{prefix} << 16) | rest; }

// The value of `key` in `keyed`, a default one added when missing.
template <typename Key, typename Value>
Value& EntryFor(std::vector<std::pair<Key, Value>>& keyed, Key key) {
  for (auto& [k, value] : keyed) {
    if (k == key) return value;
  }
  return keyed.emplace_back(key, Value()).second;
}

Status DeleteIfPresent(storage::WriteTxn& txn, storage::Database db, std::string_view key) {
  Status deleted = txn.Delete(db, key);
  return deleted.code() == StatusCode::kNotFound ? Status::Ok() : deleted;
}

}  // namespace

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
  MYRIAD_ASSIGN_OR_RETURN(uint32_t version, ReadSearchVersion(txn, dbs));
  return std::unique_ptr<SearchIndexWriter>(new SearchIndexWriter(
      dbs, config, tokenizer, std::move(fields), next_word_id, version == sdbs::kSearchVersion));
}

SearchIndexWriter::FieldRole SearchIndexWriter::RoleOf(std::string_view path, uint16_t fid) {
  if (fid >= roles_.size()) roles_.resize(fid + 1);
  std::optional<FieldRole>& role = roles_[fid];
  if (!role) {
    role = FieldRole{config_.IsFacet(path), config_.SearchableRank(path, fid).has_value()};
  }
  return *role;
}

Result<uint32_t> SearchIndexWriter::State(const storage::Txn& txn, std::string_view word) {
  if (auto it = state_of_.find(word); it != state_of_.end()) return it->second;
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored, txn.Get(dbs_.word_ids, word));
  uint32_t id = kNoWordId;  // assigned by Extract, in word order
  if (stored) {
    std::optional<uint32_t> decoded = storage::ConsumeU32BE(*stored);
    if (!decoded) return Status::Corruption("search index: bad word id");
    id = *decoded;
  }
  const auto index = static_cast<uint32_t>(states_.size());
  WordState& state = states_.emplace_back();
  state.word = word;
  state.id = id;
  state_of_.emplace(states_.back().word, index);
  size_t end = 0;
  for (size_t chars = 0; chars < sdbs::kMaxIndexedPrefixChars && end < word.size(); ++chars) {
    end += DecodeUtf8(word, end).size;
    const std::string_view prefix = word.substr(0, end);
    auto it = prefix_of_.find(prefix);
    if (it == prefix_of_.end()) {
      it = prefix_of_.emplace(std::string(prefix), static_cast<uint32_t>(prefixes_.size())).first;
      prefixes_.push_back(PrefixState{std::string(prefix), {}, {}});
    }
    states_[index].prefixes.push_back(it->second);
  }
  return index;
}

Status SearchIndexWriter::Extract(const storage::Txn& txn, const boost::json::object& document,
                                  uint32_t id, bool removing, Words* words) {
  words->entries.clear();
  words->field_counts.clear();
  Status status;
  // Where the next value of each field starts: values of one field (array
  // elements) are kept apart as a hard separator would. Few fields: a list.
  std::vector<std::pair<uint16_t, uint32_t>> next_position;
  const size_t first_new = new_words_.size();
  ForEachLeaf(document, [&](const Leaf& leaf) {
    if (!status.ok()) return;
    Result<uint16_t> fid = fields_.FindOrAdd(leaf.path);
    if (!fid.ok()) {
      status = fid.status();
      return;
    }
    const FieldRole role = RoleOf(leaf.path, *fid);
    if (role.facet) {
      if (removing) {
        facets_->Remove(id, *fid, leaf.value, leaf.array_index >= 0);
      } else {
        facets_->Add(id, *fid, leaf.value, leaf.array_index >= 0);
      }
    }
    if (!role.searchable) return;
    std::string_view text;
    if (leaf.value.is_string()) {
      text = leaf.value.get_string();
    } else if (LeafText(leaf.value, &text_)) {
      text = text_;
    } else {
      return;
    }
    tokens_.clear();
    tokenizer_.TokenizeInto(text, &tokens_);
    if (tokens_.empty()) return;
    size_t slot = 0;
    while (slot < next_position.size() && next_position[slot].first != *fid) ++slot;
    if (slot == next_position.size()) next_position.emplace_back(*fid, 0);
    const uint32_t base = next_position[slot].second;
    uint32_t& count = EntryFor(words->field_counts, *fid);
    for (const text::Token& token : tokens_) {
      const uint32_t pos = base + token.position;
      if (pos > sdbs::kMaxPositionInField) break;
      if (!config_.stop_words.empty() && config_.stop_words.contains(token.word)) continue;
      ++count;
      Result<uint32_t> state = State(txn, token.word);
      if (!state.ok()) {
        status = state.status();
        return;
      }
      if (states_[*state].id == kNoWordId && !states_[*state].is_new) {
        states_[*state].is_new = true;
        new_words_.push_back(*state);
      }
      words->entries.push_back(Posting{0, sdbs::EncodePosition(*fid, pos), *state});
    }
    next_position[slot].second = base + tokens_.back().position + text::kHardSeparatorDistance;
  });
  MYRIAD_RETURN_IF_ERROR(status);
  // New words get their ids in word order, as they always have.
  std::sort(new_words_.begin() + static_cast<std::ptrdiff_t>(first_new), new_words_.end(),
            [&](uint32_t a, uint32_t b) { return states_[a].word < states_[b].word; });
  for (size_t i = first_new; i < new_words_.size(); ++i) {
    if (next_word_id_ == UINT32_MAX) return Status::ResourceExhausted("word ids exhausted");
    states_[new_words_[i]].id = next_word_id_++;
  }
  for (Posting& p : words->entries) p.word_id = states_[p.state].id;
  std::sort(words->entries.begin(), words->entries.end(), [](const Posting& a, const Posting& b) {
    return a.word_id != b.word_id ? a.word_id < b.word_id : a.position < b.position;
  });
  return Status::Ok();
}

void SearchIndexWriter::RecordEvents(const Words& words, uint64_t event) {
  const std::vector<Posting>& postings = words.entries;
  for (size_t i = 0; i < postings.size();) {
    // One word's postings, sorted by field then position in the field.
    const uint32_t word = postings[i].state;
    WordState& state = states_[word];
    state.events.push_back(event);
    uint32_t previous_field = UINT32_MAX;
    buckets_.clear();
    for (; i < postings.size() && postings[i].state == word; ++i) {
      const sdbs::Position p = postings[i].position;
      const uint16_t field = sdbs::PositionField(p);
      if (field != previous_field) {
        EntryFor(state.fields, field).push_back(event);
        for (uint32_t prefix : state.prefixes) prefix_fields_.push_back(PrefixEntry(prefix, field));
      }
      previous_field = field;
      buckets_.push_back(sdbs::BucketedPosition(sdbs::PositionInField(p)));
    }
    // The same bucket in several fields, or several positions in one bucket,
    // is one event.
    std::sort(buckets_.begin(), buckets_.end());
    buckets_.erase(std::unique(buckets_.begin(), buckets_.end()), buckets_.end());
    for (uint16_t bucket : buckets_) {
      EntryFor(state.positions, bucket).push_back(event);
      for (uint32_t prefix : state.prefixes) {
        prefix_positions_.push_back(PrefixEntry(prefix, bucket));
      }
    }
  }
  // Many words of a document share a prefix: one event per prefix entry.
  for (auto [entries, member] : {std::pair{&prefix_fields_, &PrefixState::fields},
                                 std::pair{&prefix_positions_, &PrefixState::positions}}) {
    std::sort(entries->begin(), entries->end());
    entries->erase(std::unique(entries->begin(), entries->end()), entries->end());
    for (uint64_t entry : *entries) {
      PrefixState& prefix = prefixes_[entry >> 16];
      EntryFor(prefix.*member, static_cast<uint16_t>(entry & 0xFFFF)).push_back(event);
    }
    entries->clear();
  }
  for (const auto& [fid, count] : words.field_counts) {
    if (count == 0 || count > sdbs::kMaxCountedWords) continue;
    EntryFor(count_events_, (uint32_t{fid} << 8) | count).push_back(event);
  }
  // Adjacent words: the next position of the same field (a field's id is in
  // the position's high bits, and fields are kHardSeparatorDistance apart).
  by_position_.clear();
  for (const Posting& p : postings) by_position_.emplace_back(p.position, p.word_id);
  std::sort(by_position_.begin(), by_position_.end());
  pairs_.clear();
  for (size_t i = 1; i < by_position_.size(); ++i) {
    if (by_position_[i].first == by_position_[i - 1].first + 1 &&
        sdbs::PositionField(by_position_[i].first) ==
            sdbs::PositionField(by_position_[i - 1].first)) {
      pairs_.push_back(sdbs::PackWordPair(by_position_[i - 1].second, by_position_[i].second));
    }
  }
  std::sort(pairs_.begin(), pairs_.end());
  pairs_.erase(std::unique(pairs_.begin(), pairs_.end()), pairs_.end());
  for (uint64_t pair : pairs_) pair_events_.emplace_back(pair, event);
}

Status SearchIndexWriter::FlushPrefixEvents(storage::WriteTxn& txn, storage::Database db,
                                            KeyedEvents PrefixState::*member) {
  std::vector<std::pair<std::string, Events*>> pending;
  for (PrefixState& prefix : prefixes_) {
    for (auto& [key, events] : prefix.*member) {
      if (!events.empty()) pending.emplace_back(sdbs::PrefixKey(prefix.prefix, key), &events);
    }
  }
  std::sort(pending.begin(), pending.end());
  std::vector<uint32_t> ids;
  for (auto& [key, events] : pending) {
    Delta delta;
    FoldEvents(*events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(ApplyDelta(txn, db, key, delta.added, delta.removed));
  }
  for (PrefixState& prefix : prefixes_) (prefix.*member).clear();
  return Status::Ok();
}

Status SearchIndexWriter::FlushPairEvents(storage::WriteTxn& txn) {
  // Stable: a key's events keep their order (the last event of a document wins).
  std::stable_sort(pair_events_.begin(), pair_events_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Events events;
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < pair_events_.size();) {
    const uint64_t key = pair_events_[i].first;
    events.clear();
    for (; i < pair_events_.size() && pair_events_[i].first == key; ++i) {
      events.push_back(pair_events_[i].second);
    }
    Delta delta;
    FoldEvents(events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(
        ApplyDelta(txn, dbs_.word_pair_docids, sdbs::WordPairKey(key), delta.added, delta.removed));
  }
  pair_events_.clear();
  pair_events_.shrink_to_fit();
  return Status::Ok();
}

Status SearchIndexWriter::PutForwardIndex(storage::WriteTxn& txn, uint32_t id, const Words& words,
                                          bool new_document) {
  // `words` is sorted by (word id, position); equal pairs are written once.
  const std::vector<Posting>& postings = words.entries;
  blob_.clear();
  uint32_t previous_word = 0;
  for (size_t i = 0; i < postings.size();) {
    const uint32_t word_id = postings[i].word_id;
    positions_.clear();
    uint32_t n = 0;
    sdbs::Position previous_position = 0;
    for (; i < postings.size() && postings[i].word_id == word_id; ++i) {
      if (n > 0 && postings[i].position == previous_position) continue;
      storage::AppendVarint(positions_, postings[i].position - previous_position);
      previous_position = postings[i].position;
      ++n;
    }
    storage::AppendVarint(blob_, word_id - previous_word);
    previous_word = word_id;
    storage::AppendVarint(blob_, n);
    storage::AppendVarint(blob_, static_cast<uint32_t>(positions_.size()));
    blob_ += positions_;
  }
  // A new document's id is greater than every stored one (see PutNewInternalId);
  // a reindex puts the documents in id order too, into a cleared database.
  return new_document ? dbs::PutNewInternalId(txn, dbs_.doc_words, id, blob_)
                      : txn.Put(dbs_.doc_words, dbs::EncodeInternalId(id), blob_);
}

Status SearchIndexWriter::OnPut(storage::WriteTxn& txn, uint32_t id,
                                const boost::json::object* old_document,
                                const boost::json::object& document) {
  if (old_document != nullptr) {
    MYRIAD_RETURN_IF_ERROR(Extract(txn, *old_document, id, /*removing=*/true, &old_words_));
    // Removed first, so that a document put twice in one txn keeps only its last words.
    RecordEvents(old_words_, uint64_t{id} << 1);
  }
  MYRIAD_RETURN_IF_ERROR(Extract(txn, document, id, /*removing=*/false, &words_));
  document_ids_.added.add(id);
  document_ids_.removed.remove(id);
  RecordEvents(words_, (uint64_t{id} << 1) | 1);
  return PutForwardIndex(txn, id, words_, /*new_document=*/old_document == nullptr);
}

Status SearchIndexWriter::OnDelete(storage::WriteTxn& txn, uint32_t id,
                                   const boost::json::object& document) {
  MYRIAD_RETURN_IF_ERROR(Extract(txn, document, id, /*removing=*/true, &old_words_));
  RecordEvents(old_words_, uint64_t{id} << 1);
  document_ids_.removed.add(id);
  document_ids_.added.remove(id);
  return DeleteIfPresent(txn, dbs_.doc_words, dbs::EncodeInternalId(id));
}

Status SearchIndexWriter::OnClear(storage::WriteTxn& txn) {
  // Pending events are moot; word ids stay valid.
  for (WordState& state : states_) {
    state.events.clear();
    state.fields.clear();
    state.positions.clear();
  }
  count_events_.clear();
  pair_events_.clear();
  for (PrefixState& prefix : prefixes_) {
    prefix.fields.clear();
    prefix.positions.clear();
  }
  current_ = true;
  document_ids_ = Delta();
  MYRIAD_RETURN_IF_ERROR(DeleteIfPresent(txn, dbs_.main, sdbs::kMainDocumentIds));
  facets_ = std::make_unique<facet::FacetWriter>(dbs_.facets);
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.doc_words));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_field_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_position_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.field_word_count_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.word_pair_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.prefix_field_docids));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs_.prefix_position_docids));
  return facet::FacetWriter::Clear(txn, dbs_.facets);
}

Status SearchIndexWriter::FlushKeyedEvents(storage::WriteTxn& txn, storage::Database db,
                                           KeyedEvents WordState::*member) {
  struct Pending {
    uint64_t key;  // sdbs::PackWordKey(word id, entry key)
    Events* events;
    bool is_new;
  };
  std::vector<Pending> pending;
  for (WordState& state : states_) {
    for (auto& [key, events] : state.*member) {
      if (!events.empty())
        pending.push_back({sdbs::PackWordKey(state.id, key), &events, state.is_new});
    }
  }
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) { return a.key < b.key; });
  std::vector<uint32_t> ids;
  for (const Pending& p : pending) {
    Delta delta;
    FoldEvents(*p.events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(
        ApplyDelta(txn, db, sdbs::WordKey(p.key), delta.added, delta.removed, p.is_new));
  }
  for (WordState& state : states_) (state.*member).clear();
  return Status::Ok();
}

Status SearchIndexWriter::Finish(storage::WriteTxn& txn) {
  std::vector<uint32_t> sorted;
  sorted.reserve(states_.size());
  for (uint32_t i = 0; i < states_.size(); ++i) {
    if (!states_[i].events.empty()) sorted.push_back(i);
  }
  std::sort(sorted.begin(), sorted.end(),
            [&](uint32_t a, uint32_t b) { return states_[a].word < states_[b].word; });
  std::vector<uint32_t> ids;
  for (uint32_t i : sorted) {
    WordState& state = states_[i];
    Delta delta;
    FoldEvents(state.events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(ApplyDelta(txn, dbs_.word_docids, state.word, delta.added, delta.removed,
                                      /*absent=*/state.is_new));
  }
  MYRIAD_RETURN_IF_ERROR(FlushKeyedEvents(txn, dbs_.word_field_docids, &WordState::fields));
  MYRIAD_RETURN_IF_ERROR(FlushKeyedEvents(txn, dbs_.word_position_docids, &WordState::positions));
  std::sort(count_events_.begin(), count_events_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, events] : count_events_) {
    Delta delta;
    FoldEvents(events, ids, &delta.added, &delta.removed);
    MYRIAD_RETURN_IF_ERROR(ApplyDelta(
        txn, dbs_.field_word_count_docids,
        sdbs::FieldWordCountKey(static_cast<uint16_t>(key >> 8), static_cast<uint8_t>(key & 0xFF)),
        delta.added, delta.removed));
  }
  count_events_.clear();
  MYRIAD_RETURN_IF_ERROR(FlushPairEvents(txn));
  MYRIAD_RETURN_IF_ERROR(FlushPrefixEvents(txn, dbs_.prefix_field_docids, &PrefixState::fields));
  MYRIAD_RETURN_IF_ERROR(
      FlushPrefixEvents(txn, dbs_.prefix_position_docids, &PrefixState::positions));
  if (current_) {
    MYRIAD_RETURN_IF_ERROR(
        txn.Put(dbs_.main, sdbs::kMainSearchVersion, storage::EncodeU32BE(sdbs::kSearchVersion)));
  }
  MYRIAD_RETURN_IF_ERROR(ApplyDelta(txn, dbs_.main, sdbs::kMainDocumentIds, document_ids_.added,
                                    document_ids_.removed));
  document_ids_ = Delta();
  if (!new_words_.empty()) {
    std::sort(new_words_.begin(), new_words_.end(),
              [&](uint32_t a, uint32_t b) { return states_[a].word < states_[b].word; });
    for (uint32_t i : new_words_) {
      MYRIAD_RETURN_IF_ERROR(
          txn.Put(dbs_.word_ids, states_[i].word, storage::EncodeU32BE(states_[i].id)));
      states_[i].is_new = false;  // stored now
    }
    MYRIAD_RETURN_IF_ERROR(
        txn.Put(dbs_.main, sdbs::kMainNextWordId, storage::EncodeU32BE(next_word_id_)));
    new_words_.clear();
  }
  MYRIAD_RETURN_IF_ERROR(facets_->Flush(txn));
  return fields_.Store(txn, dbs_.main);
}

}  // namespace myriad::engine
