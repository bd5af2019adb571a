#include "engine/documents/primary_key.h"

#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace myriad::engine {
namespace {

using testing::Obj;

TEST(InferPrimaryKey, OneCandidate) {
  for (auto [json, expected] : std::vector<std::pair<std::string_view, std::string_view>>{
           {R"({"id":1,"title":"a"})", "id"},
           {R"({"title":"a","_id":"x"})", "_id"},
           {R"({"findmeid":1,"idfindme":2})", "findmeid"},
           {R"({"productID":1,"name":"x"})", "productID"},
           {R"({"Id":1})", "Id"}}) {
    auto pk = InferPrimaryKey(Obj(json));
    ASSERT_TRUE(pk.ok()) << json;
    EXPECT_EQ(*pk, expected);
  }
}

TEST(InferPrimaryKey, NoCandidate) {
  for (std::string_view json : {R"({"title":"a","idx":1})", "{}"}) {
    auto pk = InferPrimaryKey(Obj(json));
    ASSERT_TRUE(pk.status().IsRequestError()) << json;
    EXPECT_EQ(pk.status().error_code(), "index_primary_key_no_candidate_found");
    EXPECT_EQ(pk.status().error_code(), "index_primary_key_no_candidate_found");
  }
}

TEST(InferPrimaryKey, SeveralCandidatesNamedInOrder) {
  auto pk = InferPrimaryKey(Obj(R"({"product_id":1,"title":"x","id":2})"));
  ASSERT_TRUE(pk.status().IsRequestError());
  EXPECT_EQ(pk.status().error_code(), "index_primary_key_multiple_candidates_found");
  EXPECT_EQ(pk.status().message(),
            "The primary key inference failed as the engine found 2 fields ending with `id` in "
            "their names: 'id' and 'product_id'. Please specify the primary key manually using "
            "the `primaryKey` query parameter.");
  EXPECT_EQ(pk.status().error_code(), "index_primary_key_multiple_candidates_found");
}

std::optional<std::string> IdError(std::string_view json) {
  auto id = ExternalDocumentId(Obj(json), "id");
  return !id.status().IsRequestError() ? std::nullopt : std::optional(id.status().error_code());
}

TEST(ExternalDocumentId, IntegersAndValidStrings) {
  for (auto [json, expected] : std::vector<std::pair<std::string_view, std::string_view>>{
           {R"({"id":42})", "42"},
           {R"({"id":-7})", "-7"},
           {R"({"id":0})", "0"},
           {R"({"id":18446744073709551615})", "18446744073709551615"},
           {R"({"id":"abc-DEF_123"})", "abc-DEF_123"}}) {
    auto id = ExternalDocumentId(Obj(json), "id");
    ASSERT_TRUE(id.ok()) << json << ": " << id.status().message();
    EXPECT_EQ(*id, expected);
  }
}

TEST(ExternalDocumentId, LengthLimitIs511Bytes) {
  boost::json::object doc;
  doc["id"] = std::string(511, 'a');
  EXPECT_TRUE(ExternalDocumentId(doc, "id").ok());
  doc["id"] = std::string(512, 'a');
  auto id = ExternalDocumentId(doc, "id");
  ASSERT_TRUE(id.status().IsRequestError());
  EXPECT_EQ(id.status().error_code(), "invalid_document_id");
}

TEST(ExternalDocumentId, InvalidValues) {
  for (std::string_view json :
       {R"({"id":"a b"})", R"({"id":""})", R"({"id":"é"})", R"({"id":"a.b"})", R"({"id":1.5})",
        R"({"id":1.0})", R"({"id":true})", R"({"id":null})", R"({"id":[1]})", R"({"id":{}})"}) {
    EXPECT_EQ(IdError(json), "invalid_document_id") << json;
  }
  auto id = ExternalDocumentId(Obj(R"({"id":"a b"})"), "id");
  ASSERT_TRUE(id.status().IsRequestError());
  EXPECT_EQ(id.status().message(),
            "Document identifier `\"a b\"` is invalid. A document identifier can be of type "
            "integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens "
            "(-) and underscores (_), and can not be more than 511 bytes.");
  EXPECT_EQ(id.status().error_code(), "invalid_document_id");
}

TEST(ExternalDocumentId, MissingField) {
  auto id = ExternalDocumentId(Obj(R"({"title":"x"})"), "id");
  ASSERT_TRUE(id.status().IsRequestError());
  EXPECT_EQ(id.status().error_code(), "missing_document_id");
  EXPECT_EQ(id.status().message(), "Document doesn't have a `id` attribute: `{\"title\":\"x\"}`.");
  EXPECT_EQ(id.status().error_code(), "missing_document_id");
}

}  // namespace
}  // namespace myriad::engine
