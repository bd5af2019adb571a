// TenantToken: a JWT signed (HS256/384/512) with an API key's value, carrying
// `apiKeyUid`, `searchRules` and an optional `exp`, as Meilisearch's tenant
// tokens and the clients' generateTenantToken produce them.
//
// The token is untrusted input: it is size-capped, each part is decoded with
// the strict base64url decoder, parsed with Boost.JSON, and the signature is
// compared in constant time (CRYPTO_memcmp). `alg` must be one of the three
// HMAC algorithms: `none` and the asymmetric ones are refused.
//
// Thread safety: value types and pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/index_pattern.h"

namespace myriad::auth {

// Longer bearer tokens are refused before any decoding.
inline constexpr size_t kMaxTenantTokenBytes = 16 * 1024;

// `searchRules`: index patterns, each with an optional filter (null when none).
class SearchRules {
 public:
  struct Rule {
    IndexPattern pattern;
    boost::json::value filter;  // null: no filter
  };

  // From the claim: an array of patterns, or an object of pattern -> null |
  // {"filter": ...}. nullopt when it is neither.
  static std::optional<SearchRules> FromJson(const boost::json::value& claim);

  bool AllowsIndex(std::string_view index) const;
  // The filter of the most specific rule matching `index` (an exact name
  // before patterns, then the longest pattern), as Meilisearch; null when
  // that rule has none or nothing matches.
  boost::json::value FilterFor(std::string_view index) const;
  // The patterns, sorted, for error messages.
  std::vector<std::string> PatternTexts() const;

 private:
  std::vector<Rule> rules_;
};

struct TenantClaims {
  std::string api_key_uid;  // canonical lower-case uuid
  SearchRules search_rules;
  std::optional<int64_t> exp;  // Unix seconds
};

// Not shaped as a JWT (not three dot-separated parts): the bearer is perhaps an API key.
struct NotATenantToken {};
// A JWT that is refused; `message` says why (Meilisearch's wording).
struct RefusedToken {
  std::string message;
};

using TokenOutcome = std::variant<NotATenantToken, RefusedToken, TenantClaims>;

// Verifies `token`. `signing_key(uid)` gives the value of the API key whose
// uid the token names (nullopt when there is none: the token is refused).
// `now_s` is the current Unix time in seconds, for `exp`.
TokenOutcome VerifyTenantToken(
    std::string_view token,
    const std::function<std::optional<std::string>(std::string_view uid)>& signing_key,
    int64_t now_s);

}  // namespace myriad::auth
