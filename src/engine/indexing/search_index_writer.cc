#include "engine/indexing/search_index_writer.h"

#include <algorithm>
#include <bit>
#include <boost/json/serialize.hpp>
#include <span>

#include "engine/documents/document_dbs.h"
#include "engine/documents/document_leaves.h"
#include "storage/bitmap_codec.h"
#include "storage/bitmap_delta_writer.h"
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

// The index of a BucketedPosition among the values it takes: 0-15, 24, then
// the powers of two from 32 (0 for 65536, which a u16 wraps to 0).
constexpr uint32_t kBucketOrdinals = 28;
uint32_t BucketOrdinal(uint16_t bucket) {
  if (bucket < 16) return bucket;
  if (bucket == 24) return 16;
  return 12 + static_cast<uint32_t>(std::countr_zero(bucket));
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

// Renumbers the keys of `delta`, (index << shift) | rest, so that the indices
// follow the order of name(index); returns the indices by their new number.
template <typename Name>
std::vector<uint32_t> RenumberByName(KeyedDocDelta& delta, int shift, Name name) {
  // Indices are dense (positions in a vector of the writer): flags by index.
  constexpr uint32_t kAbsent = UINT32_MAX;
  std::vector<uint32_t> number;
  for (KeyedDocLog* log : {&delta.added, &delta.removed}) {
    for (const KeyedDocLog::Entry& e : log->entries()) {
      const auto index = static_cast<uint32_t>(e.key() >> shift);
      if (index >= number.size()) number.resize(index + 1, kAbsent);
      number[index] = 0;
    }
  }
  std::vector<uint32_t> by_name;
  for (uint32_t i = 0; i < number.size(); ++i) {
    if (number[i] != kAbsent) by_name.push_back(i);
  }
  std::sort(by_name.begin(), by_name.end(),
            [&](uint32_t a, uint32_t b) { return name(a) < name(b); });
  for (uint32_t r = 0; r < by_name.size(); ++r) number[by_name[r]] = r;
  const uint64_t rest_mask = (uint64_t{1} << shift) - 1;
  for (KeyedDocLog* log : {&delta.added, &delta.removed}) {
    for (KeyedDocLog::Entry& e : log->entries()) {
      e.set_key((uint64_t{number[e.key() >> shift]} << shift) | (e.key() & rest_mask));
    }
  }
  return by_name;
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
      prefixes_.emplace_back(prefix);
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
      if (states_[*state].id == kNoWordId && !states_[*state].awaiting_id) {
        states_[*state].awaiting_id = true;
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
    states_[new_words_[i]].awaiting_id = false;
  }
  for (Posting& p : words->entries) p.word_id = states_[p.state].id;
  std::sort(words->entries.begin(), words->entries.end(), [](const Posting& a, const Posting& b) {
    return a.word_id != b.word_id ? a.word_id < b.word_id : a.position < b.position;
  });
  return Status::Ok();
}

void SearchIndexWriter::CollectKeys(const Words& words, bool sorted, DocumentKeys* keys) {
  for (std::vector<uint64_t>& list : *keys) list.clear();
  std::vector<uint64_t>& positions = (*keys)[kPositions];
  const std::vector<Posting>& postings = words.entries;
  for (size_t i = 0; i < postings.size();) {
    // One word's postings, sorted by field then position in the field.
    const uint32_t word_id = postings[i].word_id;
    (*keys)[kWords].push_back(postings[i].state);
    uint32_t previous_field = UINT32_MAX;
    const size_t first_position = positions.size();
    for (; i < postings.size() && postings[i].word_id == word_id; ++i) {
      const sdbs::Position p = postings[i].position;
      const uint16_t field = sdbs::PositionField(p);
      if (field != previous_field) (*keys)[kFields].push_back(sdbs::PackWordKey(word_id, field));
      previous_field = field;
      positions.push_back(
          sdbs::PackWordKey(word_id, sdbs::BucketedPosition(sdbs::PositionInField(p))));
    }
    // The same bucket in several fields, or several positions in one bucket,
    // is one key.
    auto first = positions.begin() + static_cast<std::ptrdiff_t>(first_position);
    std::sort(first, positions.end());
    positions.erase(std::unique(first, positions.end()), positions.end());
  }
  for (const auto& [fid, count] : words.field_counts) {
    if (count == 0 || count > sdbs::kMaxCountedWords) continue;
    (*keys)[kCounts].push_back((uint64_t{fid} << 8) | count);
  }
  // In position order (a field's id is in the position's high bits, and fields
  // are kHardSeparatorDistance apart): adjacent words, and each prefix once per
  // field and once per bucket, told apart by stamps instead of a sort (many
  // words of a document share a prefix).
  by_position_.clear();
  for (const Posting& p : postings) by_position_.emplace_back(p.position, p.state);
  std::sort(by_position_.begin(), by_position_.end());
  if (prefix_field_stamps_.size() < prefixes_.size()) {
    prefix_field_stamps_.resize(prefixes_.size(), 0);
    prefix_position_stamps_.resize(prefixes_.size() * kBucketOrdinals, 0);
  }
  ++document_stamp_;
  uint32_t previous_field = UINT32_MAX;
  for (size_t i = 0; i < by_position_.size(); ++i) {
    const auto [position, state_index] = by_position_[i];
    const uint16_t field = sdbs::PositionField(position);
    if (field != previous_field) ++field_stamp_;
    previous_field = field;
    if (i > 0 && position == by_position_[i - 1].first + 1 &&
        field == sdbs::PositionField(by_position_[i - 1].first)) {
      (*keys)[kPairs].push_back(
          sdbs::PackWordPair(states_[by_position_[i - 1].second].id, states_[state_index].id));
    }
    const uint16_t bucket = sdbs::BucketedPosition(sdbs::PositionInField(position));
    const uint32_t ordinal = BucketOrdinal(bucket);
    for (uint32_t prefix : states_[state_index].prefixes) {
      if (prefix_field_stamps_[prefix] != field_stamp_) {
        prefix_field_stamps_[prefix] = field_stamp_;
        (*keys)[kPrefixFields].push_back(PrefixEntry(prefix, field));
      }
      uint32_t& stamp = prefix_position_stamps_[prefix * kBucketOrdinals + ordinal];
      if (stamp != document_stamp_) {
        stamp = document_stamp_;
        (*keys)[kPrefixPositions].push_back(PrefixEntry(prefix, bucket));
      }
    }
  }
  // Record compares an old document's keys with its new ones: sorted lists.
  // A new document's go to the logs as they are (pairs may repeat there).
  if (!sorted) return;
  for (KeyList list : {kWords, kCounts, kPairs, kPrefixFields, kPrefixPositions}) {
    std::vector<uint64_t>& keys_of = (*keys)[list];
    std::sort(keys_of.begin(), keys_of.end());
    keys_of.erase(std::unique(keys_of.begin(), keys_of.end()), keys_of.end());
  }
}

void SearchIndexWriter::Record(uint32_t id, const DocumentKeys* old_keys,
                               const DocumentKeys& keys) {
  for (size_t list = 0; list < kKeyLists; ++list) {
    KeyedDocDelta& delta = deltas_[list];
    const std::vector<uint64_t>& now = keys[list];
    if (old_keys == nullptr) {
      for (uint64_t key : now) delta.added.Add(key, id);
      continue;
    }
    // Both sorted: adds what `now` holds and `before` does not, removes the converse.
    const std::vector<uint64_t>& before = (*old_keys)[list];
    size_t i = 0;
    size_t j = 0;
    while (i < before.size() || j < now.size()) {
      if (j == now.size() || (i < before.size() && before[i] < now[j])) {
        delta.removed.Add(before[i++], id);
      } else if (i == before.size() || now[j] < before[i]) {
        delta.added.Add(now[j++], id);
      } else {
        ++i;
        ++j;
      }
    }
  }
}

size_t SearchIndexWriter::PendingEntries() const {
  size_t n = 0;
  for (const KeyedDocDelta& delta : deltas_) n += delta.size();
  return n;
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
  // A document's adds and removes must stay disjoint: a second change of it
  // in this txn goes on top of the first one written.
  if (touched_.contains(id)) MYRIAD_RETURN_IF_ERROR(Flush(txn, /*keep_memory=*/true));
  touched_.add(id);
  if (old_document != nullptr) {
    MYRIAD_RETURN_IF_ERROR(Extract(txn, *old_document, id, /*removing=*/true, &old_words_));
    CollectKeys(old_words_, /*sorted=*/true, &old_keys_);
  }
  MYRIAD_RETURN_IF_ERROR(Extract(txn, document, id, /*removing=*/false, &words_));
  CollectKeys(words_, /*sorted=*/old_document != nullptr, &keys_);
  Record(id, old_document != nullptr ? &old_keys_ : nullptr, keys_);
  document_ids_.added.add(id);
  document_ids_.removed.remove(id);
  MYRIAD_RETURN_IF_ERROR(
      PutForwardIndex(txn, id, words_, /*new_document=*/old_document == nullptr));
  return PendingEntries() > kMaxPendingEntries ? Flush(txn, /*keep_memory=*/true) : Status::Ok();
}

Status SearchIndexWriter::OnDelete(storage::WriteTxn& txn, uint32_t id,
                                   const boost::json::object& document) {
  if (touched_.contains(id)) MYRIAD_RETURN_IF_ERROR(Flush(txn, /*keep_memory=*/true));
  touched_.add(id);
  MYRIAD_RETURN_IF_ERROR(Extract(txn, document, id, /*removing=*/true, &old_words_));
  CollectKeys(old_words_, /*sorted=*/true, &old_keys_);
  for (std::vector<uint64_t>& list : keys_) list.clear();
  Record(id, &old_keys_, keys_);
  document_ids_.removed.add(id);
  document_ids_.added.remove(id);
  return DeleteIfPresent(txn, dbs_.doc_words, dbs::EncodeInternalId(id));
}

Status SearchIndexWriter::OnClear(storage::WriteTxn& txn) {
  // Pending changes are moot; word ids stay valid.
  for (KeyedDocDelta& delta : deltas_) delta.Clear();
  touched_ = Roaring();
  current_ = true;
  document_ids_ = Delta();
  MYRIAD_RETURN_IF_ERROR(DeleteIfPresent(txn, dbs_.main, sdbs::kMainDocumentIds));
  facets_ = std::make_unique<facet::FacetWriter>(dbs_.facets);
  for (storage::Database db :
       {dbs_.word_docids, dbs_.doc_words, dbs_.word_field_docids, dbs_.word_position_docids,
        dbs_.field_word_count_docids, dbs_.word_pair_docids, dbs_.prefix_field_docids,
        dbs_.prefix_position_docids}) {
    MYRIAD_RETURN_IF_ERROR(txn.Clear(db));
  }
  return facet::FacetWriter::Clear(txn, dbs_.facets);
}

Status SearchIndexWriter::Flush(storage::WriteTxn& txn, bool keep_memory) {
  touched_ = Roaring();
  // Writes `delta` to `db`, the key of each entry made by key_of.
  auto write = [&](KeyedDocDelta& delta, storage::Database db, auto key_of) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(storage::BitmapDeltaWriter writer,
                            storage::BitmapDeltaWriter::Open(txn, db));
    return delta.Drain(
        sort_scratch_, keep_memory,
        [&](uint64_t key, std::span<const uint32_t> added, std::span<const uint32_t> removed) {
          return writer.Apply(key_of(key), added, removed);
        });
  };
  // Words and prefixes are keyed by strings, and logged by index: renumbered
  // in their strings' order first.
  const std::vector<uint32_t> words =
      RenumberByName(deltas_[kWords], 0,
                     [&](uint32_t state) -> const std::string& { return states_[state].word; });
  MYRIAD_RETURN_IF_ERROR(
      write(deltas_[kWords], dbs_.word_docids,
            [&](uint64_t rank) -> std::string_view { return states_[words[rank]].word; }));
  for (auto [list, db] : {std::pair{kPrefixFields, dbs_.prefix_field_docids},
                          std::pair{kPrefixPositions, dbs_.prefix_position_docids}}) {
    const std::vector<uint32_t> prefixes =
        RenumberByName(deltas_[list], 16,
                       [&](uint32_t prefix) -> const std::string& { return prefixes_[prefix]; });
    MYRIAD_RETURN_IF_ERROR(write(deltas_[list], db, [&](uint64_t entry) {
      return sdbs::PrefixKey(prefixes_[prefixes[entry >> 16]],
                             static_cast<uint16_t>(entry & 0xFFFF));
    }));
  }
  MYRIAD_RETURN_IF_ERROR(write(deltas_[kFields], dbs_.word_field_docids, sdbs::WordKey));
  MYRIAD_RETURN_IF_ERROR(write(deltas_[kPositions], dbs_.word_position_docids, sdbs::WordKey));
  MYRIAD_RETURN_IF_ERROR(write(deltas_[kCounts], dbs_.field_word_count_docids, [](uint64_t key) {
    return sdbs::FieldWordCountKey(static_cast<uint16_t>(key >> 8),
                                   static_cast<uint8_t>(key & 0xFF));
  }));
  MYRIAD_RETURN_IF_ERROR(write(deltas_[kPairs], dbs_.word_pair_docids, sdbs::WordPairKey));
  if (!keep_memory) {
    sort_scratch_.clear();
    sort_scratch_.shrink_to_fit();
  }
  return Status::Ok();
}

Status SearchIndexWriter::Finish(storage::WriteTxn& txn) {
  MYRIAD_RETURN_IF_ERROR(Flush(txn, /*keep_memory=*/false));
  if (current_) {
    MYRIAD_RETURN_IF_ERROR(
        txn.Put(dbs_.main, sdbs::kMainSearchVersion, storage::EncodeU32BE(sdbs::kSearchVersion)));
  }
  MYRIAD_ASSIGN_OR_RETURN(storage::BitmapDeltaWriter ids,
                          storage::BitmapDeltaWriter::Open(txn, dbs_.main));
  MYRIAD_RETURN_IF_ERROR(
      ids.Apply(sdbs::kMainDocumentIds, std::move(document_ids_.added), document_ids_.removed));
  document_ids_ = Delta();
  if (!new_words_.empty()) {
    std::sort(new_words_.begin(), new_words_.end(),
              [&](uint32_t a, uint32_t b) { return states_[a].word < states_[b].word; });
    for (uint32_t i : new_words_) {
      MYRIAD_RETURN_IF_ERROR(
          txn.Put(dbs_.word_ids, states_[i].word, storage::EncodeU32BE(states_[i].id)));
    }
    MYRIAD_RETURN_IF_ERROR(
        txn.Put(dbs_.main, sdbs::kMainNextWordId, storage::EncodeU32BE(next_word_id_)));
    new_words_.clear();
  }
  MYRIAD_RETURN_IF_ERROR(facets_->Flush(txn));
  return fields_.Store(txn, dbs_.main);
}

}  // namespace myriad::engine
