#include "auth/api_key.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <exception>

namespace myriad::auth {
namespace {

namespace json = boost::json;

constexpr char kHex[] = "0123456789abcdef";

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xf];
  }
  return out;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

json::value OptionalString(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::array Strings(const std::vector<std::string>& items) {
  json::array a;
  for (const std::string& s : items) a.emplace_back(s);
  return a;
}

}  // namespace

std::string EncodeApiKey(const ApiKey& key) {
  json::object o;
  o["uid"] = key.uid;
  o["name"] = OptionalString(key.name);
  o["description"] = OptionalString(key.description);
  o["actions"] = Strings(key.actions);
  o["indexes"] = Strings(key.indexes);
  o["expiresAt"] = key.expires_at_ns ? json::value(*key.expires_at_ns) : json::value(nullptr);
  o["createdAt"] = key.created_at_ns;
  o["updatedAt"] = key.updated_at_ns;
  return json::serialize(o);
}

Result<ApiKey> DecodeApiKey(std::string_view bytes) {
  auto corrupt = [] { return Status::Corruption("key store: malformed key record"); };
  boost::system::error_code ec;
  json::value v = json::parse(bytes, ec);
  if (ec || !v.is_object()) return corrupt();
  const json::object& o = v.get_object();
  try {
    ApiKey key;
    key.uid = std::string(o.at("uid").as_string());
    if (o.at("name").is_string()) key.name = std::string(o.at("name").get_string());
    if (o.at("description").is_string()) {
      key.description = std::string(o.at("description").get_string());
    }
    for (const json::value& a : o.at("actions").as_array()) {
      key.actions.emplace_back(a.as_string());
    }
    for (const json::value& i : o.at("indexes").as_array()) {
      key.indexes.emplace_back(i.as_string());
    }
    if (!o.at("expiresAt").is_null()) key.expires_at_ns = o.at("expiresAt").as_int64();
    key.created_at_ns = o.at("createdAt").as_int64();
    key.updated_at_ns = o.at("updatedAt").as_int64();
    return key;
  } catch (const std::exception&) {
    return corrupt();
  }
}

std::string KeyValue(std::string_view uid, std::string_view master_key) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), master_key.data(), static_cast<int>(master_key.size()),
       reinterpret_cast<const unsigned char*>(uid.data()), uid.size(), mac.data(), &len);
  return Hex(mac.data(), len);
}

Result<std::string> CanonicalUuid(std::string_view text) {
  std::string_view s = text;
  if (s.starts_with("urn:uuid:")) s.remove_prefix(9);
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  std::string hex;
  if (s.size() == 36) {
    for (size_t i = 0; i < s.size(); ++i) {
      const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash_here != (s[i] == '-')) {
        return Status::InvalidArgument("invalid group format in `" + std::string(text) + "`");
      }
      if (!dash_here) hex += s[i];
    }
  } else if (s.size() == 32) {
    hex = s;
  } else {
    return Status::InvalidArgument("invalid length: expected length 32 for simple format, found " +
                                   std::to_string(s.size()));
  }
  std::string out;
  for (size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    if (!IsHex(c)) {
      return Status::InvalidArgument(
          "invalid character: expected an optional prefix of `urn:uuid:` followed by "
          "[0-9a-fA-F-], found `" +
          std::string(1, c) + "`");
    }
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  }
  return out;
}

Result<std::string> NewUuid() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    return Status::Internal("the system's random source failed");
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return CanonicalUuid(Hex(b.data(), b.size()));
}

}  // namespace myriad::auth
