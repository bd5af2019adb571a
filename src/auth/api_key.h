// ApiKey: one API key as stored, its value (derived, never stored), and the
// uuid helpers keys are named by.
//
// Thread safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace myriad::auth {

struct ApiKey {
  std::string uid;  // lower-case hyphenated uuid
  std::optional<std::string> name;
  std::optional<std::string> description;
  // As given at creation (wildcards kept), so the key reads back as created;
  // every name is one ExpandActionName knows.
  std::vector<std::string> actions;
  // As given; every one parses as an IndexPattern.
  std::vector<std::string> indexes;
  std::optional<int64_t> expires_at_ns;  // Unix nanoseconds; unset: never expires
  int64_t created_at_ns = 0;
  int64_t updated_at_ns = 0;

  bool ExpiredAt(int64_t now_ns) const { return expires_at_ns && now_ns >= *expires_at_ns; }
  friend bool operator==(const ApiKey&, const ApiKey&) = default;
};

// The stored form (JSON) and back. kCorruption when `bytes` is not a key.
std::string EncodeApiKey(const ApiKey& key);
Result<ApiKey> DecodeApiKey(std::string_view bytes);

// The key's value: lower-case hex HMAC-SHA256 of the uid under the master key,
// as Meilisearch derives it, so a key's value follows the master key.
std::string KeyValue(std::string_view uid, std::string_view master_key);

// Lower-case hyphenated form of a uuid given hyphenated, simple (32 hex
// digits), braced or `urn:uuid:`-prefixed, as Meilisearch accepts; kInvalidArgument
// with Meilisearch's kind of message otherwise.
Result<std::string> CanonicalUuid(std::string_view text);

// A random (version 4) uuid, lower-case hyphenated; kInternal if the system's
// random source fails.
Result<std::string> NewUuid();

}  // namespace myriad::auth
