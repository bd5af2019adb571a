// POST /indexes/{uid}/facet-search through the real router and server, over a
// real IndexMapper: body validation, the errors' codes and statuses, and the
// response's shape.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "engine/engine_test_util.h"
#include "engine/index.h"
#include "engine/schema/parse_settings.h"
#include "http/route_test_util.h"
#include "http/search_routes.h"

namespace myriad::http {
namespace {

using testing::Fetch;
using testing::TestResponse;

class FacetSearchRoutesTest : public testing::RouteTest {
 protected:
  void SetUp() override {
    StartServer(AddFacetSearchRoutes);
    ASSERT_TRUE(mapper_->CreateIndex("movies", std::nullopt).ok());
    // Settings and documents written straight through the engine, as a task would.
    auto handle = mapper_->Acquire("movies");
    ASSERT_TRUE(handle.ok());
    auto index = engine::Index::Open(
        [&](const std::string& name, bool create) { return handle->OpenDatabase(name, create); });
    ASSERT_TRUE(index.ok());
    auto txn = handle->BeginWrite();
    ASSERT_TRUE(txn.ok());
    auto patch =
        settings::ParseSettingsPatch(boost::json::parse(R"({"filterableAttributes":["genre"]})"));
    ASSERT_TRUE(index->UpdateSettings(txn->txn(), std::get<settings::SettingsPatch>(patch)).ok());
    ASSERT_TRUE(index
                    ->AddDocuments(txn->txn(), engine::testing::Docs(R"([
                      {"id":1,"title":"a","genre":"Drama"},{"id":2,"title":"b","genre":"drama"},
                      {"id":3,"title":"a","genre":"Documentary"}])"),
                                   std::nullopt, {.replace = true})
                    .ok());
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }
  // POST `body` to `uid`'s facet-search; expects `status` and returns the JSON.
  boost::json::value Post(const std::string& body, int status, const std::string& uid = "movies") {
    std::optional<TestResponse> r =
        Fetch(server_->port(), "POST", "/indexes/" + uid + "/facet-search", body);
    EXPECT_TRUE(r) << body;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << body << ": " << r->body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r->body, ec);
    EXPECT_FALSE(ec) << r->body;
    return v;
  }
  // The error's code and message.
  std::string Error(const std::string& body, const std::string& uid = "movies") {
    boost::json::value v = Post(body, uid == "movies" ? 400 : 404, uid);
    if (!v.is_object() || !v.as_object().contains("code")) return "<not an error>";
    return std::string(v.at("code").as_string()) + ": " + std::string(v.at("message").as_string());
  }
};

TEST_F(FacetSearchRoutesTest, AnswersFacetHitsAndTheQuery) {
  boost::json::value v = Post(R"({"facetName":"genre","facetQuery":"dr"})", 200);
  EXPECT_EQ(v.at("facetHits"), boost::json::parse(R"([{"value":"Drama","count":2}])"));
  EXPECT_EQ(v.at("facetQuery"), "dr");
  EXPECT_TRUE(v.at("processingTimeMs").is_int64());
  v = Post(R"({"facetName":"genre","q":"a","filter":"genre = drama","matchingStrategy":"all",
              "exhaustiveFacetCount":true,"locales":["eng"],"attributesToSearchOn":null})",
           200);
  EXPECT_EQ(v.at("facetHits"), boost::json::parse(R"([{"value":"Drama","count":1}])"));
  EXPECT_TRUE(v.at("facetQuery").is_null());
}

TEST_F(FacetSearchRoutesTest, UnknownFieldsAreIgnoredAsMeilisearchDoes) {
  boost::json::value v = Post(R"({"facetName":"genre","limit":"x","hybrid":{}})", 200);
  EXPECT_EQ(v.at("facetHits").as_array().size(), 2u);
}

TEST_F(FacetSearchRoutesTest, BodyErrorsHaveMeilisearchCodes) {
  EXPECT_EQ(Error(R"({"facetQuery":"a"})"),
            "missing_facet_search_facet_name: Missing field `facetName`");
  EXPECT_EQ(Error(R"({"facetName":1})"),
            "invalid_facet_search_facet_name: Invalid value type at `.facetName`: expected a "
            "string, but found a positive integer: `1`");
  EXPECT_EQ(Error(R"({"facetName":"genre","facetQuery":["a"]})"),
            "invalid_facet_search_query: Invalid value type at `.facetQuery`: expected a string, "
            "but found an array: `[\"a\"]`");
  EXPECT_EQ(Error(R"({"facetName":"genre","q":3})"),
            "invalid_search_q: Invalid value type at `.q`: expected a string, but found a "
            "positive integer: `3`");
  EXPECT_EQ(Error(R"({"facetName":"genre","matchingStrategy":"some"})"),
            "invalid_search_matching_strategy: Unknown value `some` at `.matchingStrategy`: "
            "expected one of `last`, `all`, `frequency`");
  EXPECT_EQ(Error(R"({"facetName":"genre","exhaustiveFacetCount":"yes"})"),
            "invalid_facet_search_exhaustive_facet_count: Invalid value type at "
            "`.exhaustiveFacetCount`: expected a boolean, but found a string: `\"yes\"`");
  EXPECT_EQ(Error(R"({"facetName":"genre","locales":"eng"})").substr(0, 23),
            "invalid_search_locales:");
  EXPECT_EQ(Error(R"({"facetName":"genre","attributesToSearchOn":["nope"]})").substr(0, 39),
            "invalid_search_attributes_to_search_on:");
  EXPECT_EQ(Error(R"([])").substr(0, 12), "bad_request:");
}

TEST_F(FacetSearchRoutesTest, EngineErrorsHaveTheirStatus) {
  EXPECT_EQ(Error(R"({"facetName":"title"})").substr(0, 70),
            "invalid_facet_search_facet_name: Attribute `title` is not facet-search");
  EXPECT_EQ(Error(R"({"facetName":"genre","filter":"title = a"})").substr(0, 22),
            "invalid_search_filter:");
  EXPECT_EQ(Error(R"({"facetName":"genre"})", "nope"), "index_not_found: Index `nope` not found.");
}

}  // namespace
}  // namespace myriad::http
