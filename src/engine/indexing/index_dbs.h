// The LMDB databases of one index's search structures (beside the document
// store's, documents/document_dbs.h, and the facets', facet/facet_keys.h), and
// their key and value encodings. Integers are big-endian
// so byte order is numeric order.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/documents/document_store.h"
#include "engine/indexing/facet/facet_dbs.h"
#include "storage/key_codec.h"

namespace myriad::engine::sdbs {

// Normalized word (UTF-8, <= text::kMaxWordBytes) -> Roaring bitmap (portable
// format) of the internal ids of the documents holding it in a searchable field.
// Its keys are the term dictionary the typo search walks; no key maps to an
// empty bitmap.
inline constexpr std::string_view kWordDocids = "word_docids";
// Normalized word -> u32 BE word id, assigned once and never reused.
inline constexpr std::string_view kWordIds = "word_ids";
// Internal document id (u32 BE) -> the document's forward index: for each word
// id in increasing order, varint(id - previous id), varint(n), varint(bytes of
// what follows), then n varints of increasing Position deltas (see
// EncodePosition). The byte count lets a reader skip the words it does not need.
inline constexpr std::string_view kDocWords = "doc_words";
// WordKey(word id, field id) -> Roaring bitmap of the documents holding the word
// in that field (attributeRank, exactness, attributesToSearchOn).
inline constexpr std::string_view kWordFieldDocids = "word_field_docids";
// WordKey(word id, BucketedPosition(p)) -> Roaring bitmap of the documents
// holding the word at position p of some searchable field (wordPosition,
// exactness), as milli's word_position_docids.
inline constexpr std::string_view kWordPositionDocids = "word_position_docids";
// FieldWordCountKey(field id, n) -> Roaring bitmap of the documents whose field
// holds exactly n indexed words, for n <= kMaxCountedWords (exactness: a field
// that is the query), as milli's field_id_word_count_docids.
inline constexpr std::string_view kFieldWordCountDocids = "field_word_count_docids";
inline constexpr uint32_t kMaxCountedWords = 30;
// WordPairKey(first word id, next word id) -> Roaring bitmap of the documents
// where the second word follows the first in some field (the next position):
// proximity's best bucket on bitmaps, milli's word_pair_proximity_docids at
// proximity 1.
inline constexpr std::string_view kWordPairDocids = "word_pair_docids";
// PrefixKey(prefix, field id) and PrefixKey(prefix, BucketedPosition(p)) ->
// Roaring bitmap of the documents holding, in that field or at that position,
// a word that starts with the prefix (the word itself included), for prefixes
// of 1 to kMaxIndexedPrefixChars characters: a query's short last word is
// ranked by attributeRank and wordPosition on a few bitmaps instead of one
// per completion, as milli's word_prefix_fid_docids and
// word_prefix_position_docids do.
inline constexpr std::string_view kPrefixFieldDocids = "prefix_field_docids";
inline constexpr std::string_view kPrefixPositionDocids = "prefix_position_docids";
inline constexpr size_t kMaxIndexedPrefixChars = 3;
// Keys of the document store's `main` database that search owns.
// u32 BE: the next word id to assign.
inline constexpr std::string_view kMainNextWordId = "next_word_id";
// Roaring bitmap of every document's internal id.
inline constexpr std::string_view kMainDocumentIds = "document_ids";
// JSON text of the index's settings (settings::Serialize).
inline constexpr std::string_view kMainSettings = "settings";
// u32 BE: the version of the search structures every document is indexed
// with (see ReadSearchVersion). A write to an index of an older version first
// reindexes it (Index).
inline constexpr std::string_view kMainSearchVersion = "search_version";
// Version 1's mark (an empty value), from before kMainSearchVersion existed.
inline constexpr std::string_view kMainWordFieldComplete = "word_field_complete";
// 0: word_docids and doc_words only; 1: kWordFieldDocids too;
// 2: kWordPositionDocids and kFieldWordCountDocids too; 3: kWordPairDocids too;
// 4: kPrefixFieldDocids and kPrefixPositionDocids too.
inline constexpr uint32_t kSearchVersion = 4;

// A word's place in a document: the field id in the high 16 bits, the word's
// position inside that field in the low 16 (positions past 65535 are not indexed,
// as Meilisearch caps them).
using Position = uint32_t;
inline constexpr Position EncodePosition(uint16_t fid, uint32_t pos) {
  return (static_cast<uint32_t>(fid) << 16) | (pos & 0xFFFF);
}
inline constexpr uint16_t PositionField(Position p) { return static_cast<uint16_t>(p >> 16); }
inline constexpr uint32_t PositionInField(Position p) { return p & 0xFFFF; }
inline constexpr uint32_t kMaxPositionInField = 0xFFFF;

// Milli's bucketed_position: positions below 16 as they are, 16..23 as 24, then
// each power-of-two range as its upper bound (24..32 -> 32, 33..64 -> 64, ...):
// what wordPosition tells apart shrinks as words lie further in a field.
inline uint16_t BucketedPosition(uint32_t position) {
  if (position < 16) return static_cast<uint16_t>(position);
  if (position < 24) return 24;
  return static_cast<uint16_t>(std::bit_ceil(position));
}

// A word id and a u16 (a field id, a bucketed position) packed as WordKey
// orders them.
inline constexpr uint64_t PackWordKey(uint32_t word_id, uint16_t rest) {
  return (uint64_t{word_id} << 16) | rest;
}
// u32 BE word id + u16 BE: one word's entries are adjacent keys.
inline std::string WordKey(uint64_t packed) { return storage::EncodeU64BE(packed).substr(2); }

// u32 BE first word id + u32 BE next word id: one word's successors are adjacent keys.
inline constexpr uint64_t PackWordPair(uint32_t first, uint32_t next) {
  return (uint64_t{first} << 32) | next;
}
inline std::string WordPairKey(uint64_t packed) { return storage::EncodeU64BE(packed); }

// The prefix's bytes, a NUL (no word holds one), then a u16 BE (a field id,
// a bucketed position): one prefix's entries are adjacent keys.
inline std::string PrefixKey(std::string_view prefix, uint16_t rest) {
  std::string key(prefix);
  key += '\0';
  key += static_cast<char>(rest >> 8);
  key += static_cast<char>(rest & 0xFF);
  return key;
}

// u16 BE field id + one byte count.
inline std::string FieldWordCountKey(uint16_t fid, uint8_t count) {
  return {static_cast<char>(fid >> 8), static_cast<char>(fid & 0xFF), static_cast<char>(count)};
}

}  // namespace myriad::engine::sdbs

namespace myriad::engine {

// The search databases of one index.
struct SearchDbs {
  storage::Database main;
  storage::Database word_docids;
  storage::Database word_ids;
  storage::Database doc_words;
  storage::Database word_field_docids;
  storage::Database word_position_docids;
  storage::Database field_word_count_docids;
  storage::Database word_pair_docids;
  storage::Database prefix_field_docids;
  storage::Database prefix_position_docids;
  facet::FacetDbs facets;

  // REQUIRES: the calling thread holds no write transaction of the env.
  static Result<SearchDbs> Open(const OpenDatabaseFn& open_db);
};

// The version of the search structures of the index (sdbs::kSearchVersion for
// an index written by this build; an empty index counts as current).
Result<uint32_t> ReadSearchVersion(const storage::Txn& txn, const SearchDbs& dbs);

}  // namespace myriad::engine
