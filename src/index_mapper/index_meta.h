// What the registry keeps about one index, and its byte encoding.
//
// Thread safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "storage/key_codec.h"
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

// One step of a catalogue swap: `lhs` and `rhs` exchange their names (each keeps
// its uuid, files and stats under the other's uid), or, with `rename`, `lhs`
// takes the name `rhs`, which must be free.
struct IndexSwap {
  std::string lhs;
  std::string rhs;
  bool rename = false;

  bool operator==(const IndexSwap&) const = default;
};

// A registry record read in place: views into the bytes it was parsed from,
// valid as long as they are (in the registry, the read transaction). Parsing
// allocates nothing, so a walk of 100,000 records (GET /stats) costs little
// more than the walk itself.
struct IndexMetaView {
  std::string_view uid;
  std::string_view uuid;
  std::optional<std::string_view> primary_key;
  int64_t created_at_ns = 0;
  int64_t updated_at_ns = 0;
  uint64_t document_count = 0;
  uint64_t used_bytes = 0;

  // kCorruption when `bytes` is not a value EncodeIndexMeta wrote.
  static Result<IndexMetaView> Parse(std::string_view uid, std::string_view bytes);

  // Calls fn(field, documents) for each field of the distribution, in field order.
  template <typename Fn>
  void ForEachField(Fn&& fn) const {
    std::string_view in = fields_;
    for (uint32_t i = 0; i < field_count_; ++i) {
      // Parse checked every length: the reads cannot fail.
      const uint32_t size = *storage::ConsumeU32BE(in);
      const std::string_view field = in.substr(0, size);
      in.remove_prefix(size);
      fn(field, *storage::ConsumeU64BE(in));
    }
  }

  IndexMeta ToMeta() const;

 private:
  std::string_view fields_;  // the encoded distribution, checked by Parse
  uint32_t field_count_ = 0;
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
