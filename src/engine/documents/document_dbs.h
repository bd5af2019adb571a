// The LMDB databases of one index that the engine's document store owns, and
// their key and value encodings. Integers are big-endian (storage/key_codec.h),
// so byte order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/key_codec.h"
#include "storage/txn.h"

namespace myriad::engine::dbs {

// Internal document id (u32 BE) -> the document, as JSON text (boost::json::serialize).
inline constexpr std::string_view kDocuments = "documents";
// External document id (the primary key value as text, <= 511 bytes) -> internal id (u32 BE).
inline constexpr std::string_view kExternalIds = "external_ids";
// Fixed keys below -> index-wide values.
inline constexpr std::string_view kMain = "main";

// Text of the primary key field name.
inline constexpr std::string_view kMainPrimaryKey = "primary_key";
// u64 BE: the next internal id to assign; only grows, so ids are never reused and
// internal id order is first-insertion order.
inline constexpr std::string_view kMainNextId = "next_id";
// JSON object text {field: number of documents having that top-level field}.
inline constexpr std::string_view kMainFieldDistribution = "field_distribution";

inline std::string EncodeInternalId(uint32_t id) { return storage::EncodeU32BE(id); }

// Puts the value of a new internal id (greater than every key of `db`, as ids
// only grow) with MDB_APPEND: LMDB then fills the last page instead of splitting
// it in half. A plain put if LMDB finds a greater key after all.
inline Status PutNewInternalId(storage::WriteTxn& txn, storage::Database db, uint32_t id,
                               std::string_view value) {
  const std::string key = EncodeInternalId(id);
  Status st = txn.Put(db, key, value, MDB_APPEND);
  return st.code() == StatusCode::kAlreadyExists ? txn.Put(db, key, value) : st;
}

}  // namespace myriad::engine::dbs
