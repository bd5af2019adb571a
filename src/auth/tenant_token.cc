#include "auth/tenant_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "auth/api_key.h"
#include "auth/base64url.h"

namespace myriad::auth {
namespace {

namespace json = boost::json;

RefusedToken CouldNotDecode(std::string_view why) {
  return RefusedToken{"Could not decode tenant token, " + std::string(why) + "."};
}

std::optional<json::object> DecodeJsonPart(std::string_view part) {
  std::optional<std::string> bytes = DecodeBase64Url(part);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(*bytes, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

const EVP_MD* Algorithm(const json::object& header) {
  const json::value* alg = header.if_contains("alg");
  if (alg == nullptr || !alg->is_string()) return nullptr;
  if (alg->get_string() == "HS256") return EVP_sha256();
  if (alg->get_string() == "HS384") return EVP_sha384();
  if (alg->get_string() == "HS512") return EVP_sha512();
  return nullptr;
}

bool SignatureMatches(const EVP_MD* md, std::string_view key, std::string_view signed_part,
                      std::string_view signature) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  if (HMAC(md, key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
           mac.data(), &len) == nullptr) {
    return false;
  }
  return signature.size() == len && CRYPTO_memcmp(mac.data(), signature.data(), len) == 0;
}

}  // namespace

std::optional<SearchRules> SearchRules::FromJson(const json::value& claim) {
  SearchRules rules;
  if (claim.is_array()) {
    for (const json::value& item : claim.get_array()) {
      if (!item.is_string()) return std::nullopt;
      std::optional<IndexPattern> p = IndexPattern::Parse(item.get_string());
      if (!p) return std::nullopt;
      rules.rules_.push_back(Rule{std::move(*p), nullptr});
    }
    return rules;
  }
  if (!claim.is_object()) return std::nullopt;
  for (const auto& [key, value] : claim.get_object()) {
    std::optional<IndexPattern> p = IndexPattern::Parse(key);
    if (!p) return std::nullopt;
    json::value filter = nullptr;
    if (value.is_object()) {
      for (const auto& field : value.get_object()) {
        if (field.key() != "filter") return std::nullopt;
      }
      if (const json::value* f = value.get_object().if_contains("filter")) filter = *f;
    } else if (!value.is_null()) {
      return std::nullopt;
    }
    rules.rules_.push_back(Rule{std::move(*p), std::move(filter)});
  }
  return rules;
}

bool SearchRules::AllowsIndex(std::string_view index) const {
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](const Rule& r) { return r.pattern.Matches(index); });
}

json::value SearchRules::FilterFor(std::string_view index) const {
  const Rule* best = nullptr;
  auto rank = [](const Rule& r) {
    return std::make_pair(r.pattern.is_exact(), r.pattern.text().size());
  };
  for (const Rule& r : rules_) {
    if (r.pattern.Matches(index) && (best == nullptr || rank(r) > rank(*best))) best = &r;
  }
  return best == nullptr ? json::value(nullptr) : best->filter;
}

std::vector<std::string> SearchRules::PatternTexts() const {
  std::vector<std::string> out;
  for (const Rule& r : rules_) out.push_back(r.pattern.text());
  std::sort(out.begin(), out.end());
  return out;
}

TokenOutcome VerifyTenantToken(
    std::string_view token,
    const std::function<std::optional<std::string>(std::string_view uid)>& signing_key,
    int64_t now_s) {
  const size_t first_dot = token.find('.');
  const size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return NotATenantToken{};
  }
  if (token.size() > kMaxTenantTokenBytes) return CouldNotDecode("the token is too long");
  const std::string_view header_part = token.substr(0, first_dot);
  const std::string_view claims_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_part = token.substr(second_dot + 1);

  std::optional<json::object> header = DecodeJsonPart(header_part);
  if (!header) return CouldNotDecode("the header is not base64url-encoded JSON");
  const EVP_MD* md = Algorithm(*header);
  if (md == nullptr) return CouldNotDecode("InvalidAlgorithm");
  std::optional<json::object> claims = DecodeJsonPart(claims_part);
  if (!claims) return CouldNotDecode("the claims are not base64url-encoded JSON");
  std::optional<std::string> signature = DecodeBase64Url(signature_part);
  if (!signature) return CouldNotDecode("the signature is not base64url-encoded");

  const json::value* uid_claim = claims->if_contains("apiKeyUid");
  if (uid_claim == nullptr || !uid_claim->is_string()) {
    return CouldNotDecode("missing field `apiKeyUid`");
  }
  Result<std::string> uid = CanonicalUuid(uid_claim->get_string());
  if (!uid.ok()) return CouldNotDecode("`apiKeyUid` is not a uuid");
  const std::optional<std::string> key = signing_key(*uid);
  if (!key) return RefusedToken{"The provided tenant token is invalid."};
  if (!SignatureMatches(md, *key, token.substr(0, second_dot), *signature)) {
    return CouldNotDecode("InvalidSignature");
  }

  TenantClaims out;
  out.api_key_uid = std::move(*uid);
  const json::value* rules = claims->if_contains("searchRules");
  if (rules == nullptr) return CouldNotDecode("missing field `searchRules`");
  std::optional<SearchRules> parsed = SearchRules::FromJson(*rules);
  if (!parsed) return CouldNotDecode("`searchRules` is not a list or map of index patterns");
  out.search_rules = std::move(*parsed);
  if (const json::value* exp = claims->if_contains("exp"); exp != nullptr && !exp->is_null()) {
    if (!exp->is_int64() && !exp->is_uint64()) return CouldNotDecode("`exp` is not an integer");
    out.exp = exp->is_int64()
                  ? exp->get_int64()
                  : static_cast<int64_t>(std::min<uint64_t>(exp->get_uint64(), INT64_MAX));
    if (now_s > *out.exp) {
      return RefusedToken{"Tenant token expired. Was valid up to `" + std::to_string(*out.exp) +
                          "` and we're now `" + std::to_string(now_s) + "`."};
    }
  }
  return out;
}

}  // namespace myriad::auth
