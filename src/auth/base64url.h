// Strict base64url (RFC 4648 §5) without padding, as JWTs use it.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace myriad::auth {

// The bytes `text` encodes, or nullopt unless `text` uses only the base64url
// alphabet (no padding, no whitespace), has a possible length and leaves the
// unused bits of its last character zero (so each byte string has exactly
// one encoding).
std::optional<std::string> DecodeBase64Url(std::string_view text);

// The unpadded base64url encoding of `bytes`.
std::string EncodeBase64Url(std::string_view bytes);

}  // namespace myriad::auth
