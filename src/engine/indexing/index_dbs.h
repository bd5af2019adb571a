// The LMDB databases of one index's search structures (beside the document
// store's, documents/document_dbs.h, and the facets', facet/facet_keys.h), and
// their key and value encodings. Integers are big-endian
// so byte order is numeric order.
#pragma once

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
// WordFieldKey(word id, field id) -> Roaring bitmap of the documents holding the
// word in that field. The ranking rules split a large bucket by field on these
// bitmaps, so that only the documents the page needs are read one by one.
inline constexpr std::string_view kWordFieldDocids = "word_field_docids";
// Keys of the document store's `main` database that search owns.
// u32 BE: the next word id to assign.
inline constexpr std::string_view kMainNextWordId = "next_word_id";
// Roaring bitmap of every document's internal id.
inline constexpr std::string_view kMainDocumentIds = "document_ids";
// JSON text of the index's settings (settings::Serialize).
inline constexpr std::string_view kMainSettings = "settings";
// Present (empty value) once kWordFieldDocids covers every document: an index
// written before that database existed lacks it until its next reindex.
inline constexpr std::string_view kMainWordFieldComplete = "word_field_complete";

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

// A word id and a field id packed as WordFieldKey orders them.
inline constexpr uint64_t PackWordField(uint32_t word_id, uint16_t fid) {
  return (uint64_t{word_id} << 16) | fid;
}
// u32 BE word id + u16 BE field id: a word's fields are adjacent keys.
inline std::string WordFieldKey(uint64_t packed) { return storage::EncodeU64BE(packed).substr(2); }

}  // namespace myriad::engine::sdbs

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

}  // namespace myriad::engine
