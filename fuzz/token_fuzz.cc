// Tenant tokens on any bearer value. The property: a token whose claims are
// accepted under one signing key is refused under another, so no input gets
// past the signature check; and claims never come with an expired `exp`.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "auth/tenant_token.h"

namespace {

constexpr int64_t kNow = 1'800'000'000;

myriad::auth::TokenOutcome Verify(std::string_view token, const std::string& key) {
  return myriad::auth::VerifyTenantToken(
      token, [&](std::string_view) { return std::optional<std::string>(key); }, kNow);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  // The seeds are signed with this key, so mutations keep reaching the claims.
  const auto outcome = Verify(token, "fuzz-signing-key");
  if (const auto* claims = std::get_if<myriad::auth::TenantClaims>(&outcome)) {
    if (claims->exp && *claims->exp <= kNow) __builtin_trap();
    if (std::holds_alternative<myriad::auth::TenantClaims>(Verify(token, "another-key"))) {
      __builtin_trap();
    }
  }
  return 0;
}
