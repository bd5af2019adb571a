#include "auth/tenant_token.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "auth/base64url.h"

namespace myriad::auth {
namespace {

constexpr std::string_view kUid = "76b7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c11";
constexpr std::string_view kKey =
    "8f9991d2aa85645a2a4333b1b742c64a350f35842a2cb81042d2a38a41fe7ef5";
constexpr int64_t kNow = 1'700'000'000;

std::string Sign(std::string_view header, std::string_view claims, std::string_view key,
                 const EVP_MD* md = EVP_sha256()) {
  const std::string signed_part = EncodeBase64Url(header) + "." + EncodeBase64Url(claims);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac.data(),
       &len);
  return signed_part + "." +
         EncodeBase64Url(std::string_view(reinterpret_cast<const char*>(mac.data()), len));
}

std::string Claims(std::string_view rules, std::string_view extra = "") {
  return "{\"apiKeyUid\":\"" + std::string(kUid) + "\",\"searchRules\":" + std::string(rules) +
         std::string(extra) + "}";
}

TokenOutcome Verify(std::string_view token) {
  return VerifyTenantToken(
      token,
      [](std::string_view uid) -> std::optional<std::string> {
        if (uid != kUid) return std::nullopt;
        return std::string(kKey);
      },
      kNow);
}

std::string RefusalOf(const TokenOutcome& o) {
  const auto* r = std::get_if<RefusedToken>(&o);
  return r == nullptr ? "" : r->message;
}

TEST(Base64UrlTest, RoundTripAndStrictness) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\xfd"}) {
    auto back = DecodeBase64Url(EncodeBase64Url(s));
    ASSERT_TRUE(back) << s;
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(EncodeBase64Url("\xfb\xff"), "-_8");
  EXPECT_FALSE(DecodeBase64Url("Zm9v="));  // padding
  EXPECT_FALSE(DecodeBase64Url("Zm9v+"));  // standard alphabet
  EXPECT_FALSE(DecodeBase64Url("Zm 9v"));  // whitespace
  EXPECT_FALSE(DecodeBase64Url("Z"));      // impossible length
  EXPECT_FALSE(DecodeBase64Url("Zh"));     // non-zero trailing bits ("Zg" is canonical)
  EXPECT_TRUE(DecodeBase64Url("Zg"));
}

TEST(TenantTokenTest, GoodTokenWithEachHmacAlgorithm) {
  const std::string claims = Claims("{\"books\":{\"filter\":\"tenant = 1\"},\"pub_*\":null}");
  for (auto [alg, md] : {std::pair{"HS256", EVP_sha256()}, std::pair{"HS384", EVP_sha384()},
                         std::pair{"HS512", EVP_sha512()}}) {
    const std::string header = std::string("{\"alg\":\"") + alg + "\",\"typ\":\"JWT\"}";
    TokenOutcome o = Verify(Sign(header, claims, kKey, md));
    ASSERT_TRUE(std::holds_alternative<TenantClaims>(o)) << alg << " " << RefusalOf(o);
    const TenantClaims& c = std::get<TenantClaims>(o);
    EXPECT_EQ(c.api_key_uid, kUid);
    EXPECT_TRUE(c.search_rules.AllowsIndex("books"));
    EXPECT_TRUE(c.search_rules.AllowsIndex("pub_x"));
    EXPECT_FALSE(c.search_rules.AllowsIndex("other"));
    EXPECT_EQ(boost::json::serialize(c.search_rules.FilterFor("books")), "\"tenant = 1\"");
    EXPECT_TRUE(c.search_rules.FilterFor("pub_x").is_null());
  }
}

TEST(TenantTokenTest, ArrayRulesAndTheMostSpecificRule) {
  auto rules = SearchRules::FromJson(boost::json::parse(
      R"({"*":{"filter":"a = 1"},"bo*":{"filter":"b = 1"},"books":{"filter":"c = 1"}})"));
  ASSERT_TRUE(rules);
  EXPECT_EQ(boost::json::serialize(rules->FilterFor("books")), "\"c = 1\"");
  EXPECT_EQ(boost::json::serialize(rules->FilterFor("boxes")), "\"b = 1\"");
  EXPECT_EQ(boost::json::serialize(rules->FilterFor("zzz")), "\"a = 1\"");
  auto list = SearchRules::FromJson(boost::json::parse(R"(["books"])"));
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->AllowsIndex("books"));
  EXPECT_FALSE(list->AllowsIndex("book"));
  EXPECT_FALSE(SearchRules::FromJson(boost::json::parse(R"(["bad index"])")));
  EXPECT_FALSE(SearchRules::FromJson(boost::json::parse(R"({"books":{"filtre":"x"}})")));
  EXPECT_FALSE(SearchRules::FromJson(boost::json::parse(R"("books")")));
}

TEST(TenantTokenTest, ForgedWrongKeyExpiredAndAlgNoneAreRefused) {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  const std::string good = Sign(header, Claims(R"(["*"])"), kKey);
  // Forged: the claims changed after signing.
  std::string forged = good;
  const size_t dot = forged.find('.');
  forged.replace(dot + 1, forged.find('.', dot + 1) - dot - 1,
                 EncodeBase64Url(Claims(R"({"*":null,"secret":null})")));
  EXPECT_EQ(RefusalOf(Verify(forged)), "Could not decode tenant token, InvalidSignature.");
  EXPECT_EQ(RefusalOf(Verify(Sign(header, Claims(R"(["*"])"), "another key"))),
            "Could not decode tenant token, InvalidSignature.");
  // Expired, and one that is not yet.
  EXPECT_NE(RefusalOf(Verify(Sign(header, Claims(R"(["*"])", ",\"exp\":1600000000"), kKey)))
                .find("Tenant token expired"),
            std::string::npos);
  EXPECT_TRUE(std::holds_alternative<TenantClaims>(
      Verify(Sign(header, Claims(R"(["*"])", ",\"exp\":1800000000"), kKey))));
  // alg none, with or without a signature, and an asymmetric algorithm.
  const std::string none =
      EncodeBase64Url(R"({"alg":"none"})") + "." + EncodeBase64Url(Claims(R"(["*"])")) + ".";
  EXPECT_EQ(RefusalOf(Verify(none)), "Could not decode tenant token, InvalidAlgorithm.");
  EXPECT_EQ(RefusalOf(Verify(Sign(R"({"alg":"none"})", Claims(R"(["*"])"), kKey))),
            "Could not decode tenant token, InvalidAlgorithm.");
  EXPECT_EQ(RefusalOf(Verify(Sign(R"({"alg":"RS256"})", Claims(R"(["*"])"), kKey))),
            "Could not decode tenant token, InvalidAlgorithm.");
  // An unknown key uid.
  const std::string stranger =
      "{\"apiKeyUid\":\"00000000-0000-4000-8000-000000000000\","
      "\"searchRules\":[\"*\"]}";
  EXPECT_EQ(RefusalOf(Verify(Sign(header, stranger, kKey))),
            "The provided tenant token is invalid.");
}

TEST(TenantTokenTest, MalformedAndOversizedTokens) {
  EXPECT_TRUE(std::holds_alternative<NotATenantToken>(Verify("deadbeef")));
  EXPECT_TRUE(std::holds_alternative<NotATenantToken>(Verify("a.b")));
  EXPECT_TRUE(std::holds_alternative<NotATenantToken>(Verify("a.b.c.d")));
  const std::string header = R"({"alg":"HS256"})";
  for (std::string bad :
       {std::string("!!!.e30.AAAA"),                                         // bad base64
        EncodeBase64Url("{not json") + ".e30.AAAA",                          // bad JSON header
        EncodeBase64Url(header) + "." + EncodeBase64Url("[1,2]") + ".AAAA",  // claims not object
        EncodeBase64Url(header) + "." + EncodeBase64Url("{\"searchRules\":[]}") + ".AAAA",
        EncodeBase64Url(header) + "." + EncodeBase64Url(Claims("[]")) + ".A",  // bad signature
        Sign(header, Claims("42"), kKey),                                      // bad rules
        Sign(header, Claims("[]", ",\"exp\":\"soon\""), kKey),                 // bad exp
        std::string("..")}) {
    EXPECT_NE(RefusalOf(Verify(bad)), "") << bad;
  }
  const std::string huge = Sign(header, Claims("[\"" + std::string(20000, 'a') + "\"]"), kKey);
  EXPECT_EQ(RefusalOf(Verify(huge)), "Could not decode tenant token, the token is too long.");
}

}  // namespace
}  // namespace myriad::auth
