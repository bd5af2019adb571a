// What the registry keeps about one index, and its byte encoding.
//
// Thread safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::index_mapper {

struct IndexMeta {
  std::string uid;   // the user's name for the index
  std::string uuid;  // names its directory; never derived from the uid
  std::optional<std::string> primary_key;
  int64_t created_at_ns = 0;  // Unix time
  int64_t updated_at_ns = 0;
  uint64_t document_count = 0;
  uint64_t used_bytes = 0;  // the env's data high-water mark when last recorded
  // For each top-level field, how many documents have it.
  std::map<std::string, uint64_t> field_distribution;

  bool operator==(const IndexMeta&) const = default;
};

// The registry value of `meta` (the uid is the key, not repeated).
std::string EncodeIndexMeta(const IndexMeta& meta);
// kCorruption when `bytes` is not a value EncodeIndexMeta wrote.
Result<IndexMeta> DecodeIndexMeta(std::string_view uid, std::string_view bytes);

// Index uids are [A-Za-z0-9_-]{1,400}, as Meilisearch's.
bool IsValidIndexUid(std::string_view uid);
// A new random (version 4) UUID in its 36-character text form.
std::string NewUuid();
// True for exactly the form NewUuid() produces: the only names that become paths.
bool IsValidUuid(std::string_view uuid);

}  // namespace myriad::index_mapper
