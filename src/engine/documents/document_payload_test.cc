#include "engine/documents/document_payload.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/engine_test_util.h"

namespace myriad::engine {
namespace {

using testing::Obj;

std::vector<boost::json::object> ParseOk(std::string_view body, PayloadFormat format,
                                         char delimiter = ',') {
  auto docs = ParseDocuments(body, format, delimiter);
  EXPECT_TRUE(docs.ok()) << docs.status().message();
  return docs.ok() ? *docs : std::vector<boost::json::object>();
}

// The request error of a parse that must fail.
std::optional<std::string> ParseError(std::string_view body, PayloadFormat format,
                                      char delimiter = ',') {
  auto docs = ParseDocuments(body, format, delimiter);
  if (!docs.status().IsRequestError()) return std::nullopt;
  return docs.status().error_code();
}

TEST(ParseJson, ArrayOfObjects) {
  auto docs = ParseOk(R"([{"id":1,"title":"a"},{"id":"b","n":1.5,"tags":["x"],"o":{"k":null}}])",
                      PayloadFormat::kJson);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0], Obj(R"({"id":1,"title":"a"})"));
  EXPECT_EQ(docs[1], Obj(R"({"id":"b","n":1.5,"tags":["x"],"o":{"k":null}})"));
}

TEST(ParseJson, KeepsIntegersIntegralAndDoublesExact) {
  auto docs = ParseOk(R"({"i":-3,"u":18446744073709551615,"d":0.1,"e":1e300,"f":2.0})",
                      PayloadFormat::kJson);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0]["i"].is_int64());
  EXPECT_EQ(docs[0]["i"].as_int64(), -3);
  EXPECT_TRUE(docs[0]["u"].is_uint64());
  EXPECT_EQ(docs[0]["u"].as_uint64(), 18446744073709551615u);
  EXPECT_EQ(docs[0]["d"].as_double(), 0.1);
  EXPECT_EQ(docs[0]["e"].as_double(), 1e300);
  EXPECT_TRUE(docs[0]["f"].is_double());
}

TEST(ParseJson, IntegersBeyond64BitsAreDoubles) {
  // As serde_json reads them; simdjson alone refuses them.
  for (PayloadFormat format : {PayloadFormat::kJson, PayloadFormat::kNdjson}) {
    auto docs =
        ParseOk(R"({"id":1,"big":18446744073709551616,"neg":-9223372036854775809})", format);
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0]["big"].as_double(), 18446744073709551616.0);
    EXPECT_EQ(docs[0]["neg"].as_double(), -9223372036854775809.0);
    auto count = CountDocuments(R"({"id":1,"big":18446744073709551616})", format, ',');
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1u);
  }
  // Numbers that are not JSON stay refused.
  EXPECT_FALSE(ParseDocuments(R"([{"id":01}])", PayloadFormat::kJson, ',').ok());
  EXPECT_FALSE(ParseDocuments(R"([{"id":1.}])", PayloadFormat::kJson, ',').ok());
}

TEST(ParseJson, SingleObjectIsOneDocument) {
  auto docs = ParseOk(R"(  {"id": 7}  )", PayloadFormat::kJson);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0], Obj(R"({"id":7})"));
}

TEST(ParseJson, EmptyArrayIsNoDocuments) {
  EXPECT_TRUE(ParseOk("[]", PayloadFormat::kJson).empty());
}

TEST(ParseJson, MalformedInputs) {
  for (std::string_view body :
       {R"([{"id":1},)", R"({"id":)", "[1, 2]", "42", R"("text")", R"([{"id":1}, [2]])", "nul"}) {
    EXPECT_EQ(ParseError(body, PayloadFormat::kJson), "malformed_payload") << body;
  }
  auto failed = ParseDocuments("[{]", PayloadFormat::kJson);
  ASSERT_TRUE(failed.status().IsRequestError());
  EXPECT_TRUE(failed.status().message().starts_with("The `json` payload provided is malformed."))
      << failed.status().message();
}

TEST(ParseJson, EmptyBodyIsMissingPayload) {
  for (std::string_view body : {"", "  \n\t "}) {
    auto docs = ParseDocuments(body, PayloadFormat::kJson);
    ASSERT_TRUE(docs.status().IsRequestError());
    EXPECT_EQ(docs.status().error_code(), "missing_payload");
    EXPECT_EQ(docs.status().message(), "A json payload is missing.");
    EXPECT_EQ(docs.status().error_code(), "missing_payload");
  }
}

TEST(ParseNdjson, OneObjectPerLineSkippingBlankLines) {
  auto docs =
      ParseOk("{\"id\":1}\n\n  \r\n{\"id\":2,\"a\":[1]}\r\n{\"id\":3}", PayloadFormat::kNdjson);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0], Obj(R"({"id":1})"));
  EXPECT_EQ(docs[1], Obj(R"({"id":2,"a":[1]})"));
  EXPECT_EQ(docs[2], Obj(R"({"id":3})"));
}

TEST(ParseNdjson, MalformedLineOrNonObjectFails) {
  EXPECT_EQ(ParseError("{\"id\":1}\n{\"id\":\n", PayloadFormat::kNdjson), "malformed_payload");
  EXPECT_EQ(ParseError("{\"id\":1}\n[1]\n", PayloadFormat::kNdjson), "malformed_payload");
  // Two objects on one line are not NDJSON.
  EXPECT_EQ(ParseError("{\"id\":1} {\"id\":2}\n", PayloadFormat::kNdjson), "malformed_payload");
  auto failed = ParseDocuments("{\"id\":1}\n{oops}\n", PayloadFormat::kNdjson);
  ASSERT_TRUE(failed.status().IsRequestError());
  EXPECT_NE(failed.status().message().find("ndjson"), std::string::npos);
  EXPECT_NE(failed.status().message().find("line 2"), std::string::npos);
}

TEST(ParseNdjson, EmptyBodyIsMissingPayload) {
  auto docs = ParseDocuments("\n\n", PayloadFormat::kNdjson);
  ASSERT_TRUE(docs.status().IsRequestError());
  EXPECT_EQ(docs.status().error_code(), "missing_payload");
  EXPECT_EQ(docs.status().message(), "A ndjson payload is missing.");
}

TEST(ParseCsv, StringsByDefault) {
  auto docs = ParseOk("id,title\n1,Carol\n2,Dune\n", PayloadFormat::kCsv);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0], Obj(R"({"id":"1","title":"Carol"})"));
  EXPECT_EQ(docs[1], Obj(R"({"id":"2","title":"Dune"})"));
}

TEST(ParseCsv, QuotedFieldsWithDelimiterQuoteAndNewline) {
  auto docs =
      ParseOk("id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\nbye\"\r\n", PayloadFormat::kCsv);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["text"].as_string(), "a, b");
  EXPECT_EQ(docs[1]["text"].as_string(), "say \"hi\"\nbye");
}

TEST(ParseCsv, TypedHeaders) {
  auto docs = ParseOk(
      "id:number,price:number,ok:boolean,name:string,time:hh:mm\n"
      "1,2.5,true,x,12:30\n"
      "2,,false,,\n"
      "3, -4 , ,y,z\n",
      PayloadFormat::kCsv);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0], Obj(R"({"id":1,"price":2.5,"ok":true,"name":"x","time:hh:mm":"12:30"})"));
  EXPECT_TRUE(docs[0]["id"].is_int64());
  EXPECT_EQ(docs[1], Obj(R"({"id":2,"price":null,"ok":false,"name":null,"time:hh:mm":null})"));
  EXPECT_EQ(docs[2], Obj(R"({"id":3,"price":-4,"ok":null,"name":"y","time:hh:mm":"z"})"));
}

TEST(ParseCsv, CustomDelimiter) {
  auto docs = ParseOk("id;title\n1;\"a;b\"\n2;c,d\n", PayloadFormat::kCsv, ';');
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0], Obj(R"({"id":"1","title":"a;b"})"));
  EXPECT_EQ(docs[1], Obj(R"({"id":"2","title":"c,d"})"));
}

TEST(ParseCsv, HeaderOnlyIsNoDocumentsAndBlankLinesAreSkipped) {
  EXPECT_TRUE(ParseOk("id,title\n", PayloadFormat::kCsv).empty());
  EXPECT_EQ(ParseOk("id\n\n1\n\n2", PayloadFormat::kCsv).size(), 2u);
}

TEST(ParseCsv, MalformedInputs) {
  EXPECT_EQ(ParseError("id,title\n1,a,extra\n", PayloadFormat::kCsv), "malformed_payload");
  EXPECT_EQ(ParseError("id,title\n1\n", PayloadFormat::kCsv), "malformed_payload");
  EXPECT_EQ(ParseError("id:number\nabc\n", PayloadFormat::kCsv), "malformed_payload");
  EXPECT_EQ(ParseError("ok:boolean\nyes\n", PayloadFormat::kCsv), "malformed_payload");
  EXPECT_EQ(ParseError("id,title\n1,\"never closed\n", PayloadFormat::kCsv), "malformed_payload");
  auto failed = ParseDocuments("id:number\n1\nabc\n", PayloadFormat::kCsv);
  ASSERT_TRUE(failed.status().IsRequestError());
  EXPECT_TRUE(failed.status().message().starts_with("The `csv` payload provided is malformed"));
  EXPECT_NE(failed.status().message().find("line 3"), std::string::npos)
      << failed.status().message();
}

TEST(ParseCsv, EmptyBodyIsMissingPayload) {
  auto docs = ParseDocuments("", PayloadFormat::kCsv);
  ASSERT_TRUE(docs.status().IsRequestError());
  EXPECT_EQ(docs.status().error_code(), "missing_payload");
  EXPECT_EQ(docs.status().message(), "A csv payload is missing.");
}

TEST(ParseCsv, InvalidDelimiter) {
  EXPECT_EQ(ParseError("id\n1\n", PayloadFormat::kCsv, '"'), "invalid_document_csv_delimiter");
  EXPECT_EQ(ParseError("id\n1\n", PayloadFormat::kCsv, '\n'), "invalid_document_csv_delimiter");
}

TEST(ParseCsvDelimiter, OneAsciiCharacter) {
  auto semicolon = ParseCsvDelimiter(";");
  ASSERT_TRUE(semicolon.ok());
  EXPECT_EQ(*semicolon, ';');
  for (std::string_view bad : {"", ";;", "\xC3\xA7" /* ç */}) {
    auto delimiter = ParseCsvDelimiter(bad);
    ASSERT_TRUE(delimiter.status().IsRequestError()) << bad;
    EXPECT_EQ(delimiter.status().error_code(), "invalid_document_csv_delimiter");
    EXPECT_EQ(delimiter.status().error_code(), "invalid_document_csv_delimiter");
  }
}

}  // namespace
}  // namespace myriad::engine
