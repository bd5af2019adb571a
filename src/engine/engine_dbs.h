// The LMDB databases of one index that the engine's document store owns, and
// their key and value encodings. Integers are big-endian (storage/key_codec.h),
// so byte order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/key_codec.h"

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

}  // namespace myriad::engine::dbs
