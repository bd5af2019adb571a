// Bad requests beyond the JSON body's shape: deep nesting, invalid UTF-8 in
// bodies, query strings and paths, oversized headers and bodies, bad index
// uids and document ids, bad filters, bad content types, bad Authorization
// headers, and the errors Meilisearch reports asynchronously as a failed task.
// Each row: the exact status and code, and the data unchanged.
#include <gtest/gtest.h>

#include "http/bad_input_test_util.h"

namespace myriad::http {
namespace {

using testing::BadInputTest;
using testing::kBadInputPayloadLimit;
using testing::Nested;
using testing::Raw;
using testing::Req;
using testing::Row;

constexpr char kSearch[] = "/indexes/movies/search";
constexpr char kFetch[] = "/indexes/movies/documents/fetch";
constexpr char kDocs[] = "/indexes/movies/documents";
constexpr size_t kDeep = 100'000;

TEST_F(BadInputTest, DeepNesting) {
  CheckAll({
      Req("POST", kDocs, "[{\"id\":3,\"deep\":" + Nested(kDeep, "[", "1", "]") + "}]", 400,
          "malformed_payload"),
      Req("POST", kDocs, "[{\"id\":3,\"deep\":" + Nested(kDeep, "{\"a\":", "1", "}") + "}]", 400,
          "malformed_payload"),
      Req("POST", kDocs, "{\"id\":3,\"deep\":" + Nested(kDeep, "[", "", "]") + "}\n", 400,
          "malformed_payload")
          .ContentType("application/x-ndjson"),
      Req("POST", kDocs, Nested(kDeep, "[", "", "]"), 400, "malformed_payload"),
      Req("POST", kSearch, "{\"filter\":" + Nested(kDeep, "[", "\"genre = scifi\"", "]") + "}", 400,
          "malformed_payload"),
      Req("POST", kSearch, "{\"q\":" + Nested(kDeep, "{\"q\":", "1", "}") + "}", 400,
          "malformed_payload"),
      Req("PATCH", "/indexes/movies/settings",
          "{\"synonyms\":" + Nested(kDeep, "{\"a\":", "[]", "}") + "}", 400, "malformed_payload"),
      // Deep but well-formed JSON: the filter's own rules refuse it.
      Req("POST", kSearch, R"({"filter":[[["genre = scifi"]]]})", 400, "invalid_search_filter"),
      Req("POST", kSearch, "{\"filter\":\"" + Nested(kDeep, "(", "genre = scifi", ")") + "\"}", 400,
          "invalid_search_filter"),
      Req("POST", kSearch, "{\"filter\":\"" + Nested(kDeep, "NOT ", "genre = scifi", "") + "\"}",
          400, "invalid_search_filter"),
      Req("POST", kFetch, "{\"filter\":\"" + Nested(kDeep, "(", "genre = scifi", ")") + "\"}", 400,
          "invalid_document_filter"),
      Req("POST", "/indexes/movies/documents/delete",
          "{\"filter\":\"" + Nested(kDeep, "(", "genre = scifi", ")") + "\"}", 400,
          "invalid_document_filter"),
  });
}

// Long or extreme but well-formed: answered, not refused, and no crash (the
// chains are long, not deep: the parsers must not recurse once per operand;
// the largest numbers must not overflow offsets, crop lengths or ranges).
TEST_F(BadInputTest, ExtremeButWellFormed) {
  auto repeat = [](std::string_view s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
  };
  CheckAll({
      Req("POST", kSearch, "{\"q\":\"" + repeat("alien ", 100'000) + "\"}", 200, ""),
      Req("POST", kSearch,
          "{\"filter\":\"" + repeat("genre = scifi OR ", 50'000) + "genre = crime\"}", 200, ""),
      Req("POST", kSearch, "{\"filter\":\"" + repeat("year > 1 AND ", 50'000) + "genre = crime\"}",
          200, ""),
      Req("POST", kSearch,
          "{\"filter\":[" + repeat("\"genre = scifi\",", 50'000) + "\"year > 1\"]}", 200, ""),
      Req("POST", kSearch, "{\"filter\":\"genre IN [" + repeat("scifi, ", 50'000) + "crime]\"}",
          200, ""),
      Req("POST", kSearch, "{\"sort\":[" + repeat("\"year:asc\",", 20'000) + "\"year:desc\"]}", 200,
          ""),
      Req("POST", kSearch,
          "{\"attributesToRetrieve\":[" + repeat("\"title\",", 50'000) + "\"id\"]}", 200, ""),
      Req("POST", kFetch, "{\"ids\":[" + repeat("1,", 50'000) + "2]}", 200, ""),
      Req("GET", "/indexes/movies/documents?fields=" + repeat("title,", 1'000) + "id", "", 200, ""),
      Req("POST", kSearch, R"({"q":"\"alien"})", 200, ""),
      Req("POST", kSearch, R"({"q":"\"\"\"\" - -- \"-\""})", 200, ""),
      Req("POST", kSearch, R"({"q":"alien","attributesToCrop":["title:-1"]})", 200, ""),
      Req("POST", kSearch, R"({"q":"alien","attributesToCrop":["title:99999999999999999999"]})",
          200, ""),
      Req("POST", kSearch,
          R"({"q":"alien","attributesToCrop":["*"],"cropLength":18446744073709551615})", 200, ""),
      Req("POST", kSearch,
          R"({"q":"alien","attributesToHighlight":["*"],"highlightPreTag":")" +
              repeat("<", 100'000) + R"("})",
          200, ""),
      Req("POST", kSearch, R"({"sort":["year:asc"],"offset":18446744073709551615,"limit":1})", 200,
          ""),
      Req("POST", kSearch, R"({"page":0,"hitsPerPage":0,"facets":["*"]})", 200, ""),
      Req("POST", kSearch, R"({"filter":"year 1 TO 18446744073709551616"})", 200, ""),
      Req("POST", kSearch, R"({"filter":"year = 1e400 OR year > 1e400"})", 200, ""),
      Req("GET", "/indexes/movies/documents?ids=&fields=&filter=", "", 200, ""),
      Req("GET", "/indexes/movies/search?attributesToRetrieve=&sort=&facets=", "", 200, ""),
      Req("POST", "/indexes/movies/documents?csvDelimiter=%3B", R"([{"id":3}])", 415,
          "invalid_content_type"),
  });
}

TEST_F(BadInputTest, InvalidUtf8) {
  CheckAll({
      Req("POST", kSearch, "{\"q\":\"\xff\"}", 400, "malformed_payload"),
      Req("POST", kSearch, "{\"q\":\"\xc3\x28\"}", 400, "malformed_payload"),
      Req("POST", kSearch, "{\"\xed\xa0\x80\":1}", 400, "malformed_payload"),
      Req("PATCH", "/indexes/movies/settings", "{\"stopWords\":[\"\xe2\x82\"]}", 400,
          "malformed_payload"),
      Req("POST", kDocs, "[{\"id\":3,\"title\":\"\xc0\xaf\"}]", 400, "malformed_payload"),
      Req("POST", kDocs, "{\"id\":3,\"title\":\"\xff\"}\n", 400, "malformed_payload")
          .ContentType("application/x-ndjson"),
      Req("POST", kDocs, "id,title\n3,\xff\xfe\n", 400, "malformed_payload")
          .ContentType("text/csv"),
      Req("POST", "/keys",
          "{\"name\":\"\xff\",\"actions\":[\"search\"],\"indexes\":[\"*\"],\"expiresAt\":null}",
          400, "malformed_payload"),
      // Escaped in the query string or the path: answered, in valid JSON.
      Req("GET", "/indexes/movies/search?q=%FF%FE", "", 200, ""),
      Req("GET", "/indexes/movies/search?q=alien&attributesToRetrieve=%C3%28", "", 200, ""),
      Req("GET", "/indexes/movies/documents?fields=%FF", "", 200, ""),
      Req("GET", "/indexes/movies/search?filter=genre%20%3D%20%FF", "", 400,
          "invalid_search_filter"),
      Req("GET", "/indexes/movies/search?sort=%FF:asc", "", 400, "invalid_search_sort"),
      Req("GET", "/indexes/movies/documents/%FF", "", 404, "document_not_found"),
      Req("GET", "/indexes/%FF", "", 400, "invalid_index_uid"),
      Req("GET", "/indexes/%FF/search", "", 400, "invalid_index_uid"),
      Req("POST", "/indexes", "{\"uid\":\"\\udc00\"}", 400, "malformed_payload"),
      Req("GET", "/tasks?indexUids=%FF", "", 400, "invalid_index_uid"),
      Req("GET", "/tasks?statuses=%FF", "", 400, "invalid_task_statuses"),
      Req("POST", "/indexes/movies/documents?skipCreation=yes", "[]", 400, "invalid_skip_creation"),
      Req("GET", "/batches/%FF", "", 400, "invalid_batch_uid"),
      Req("GET", "/batches/-1", "", 400, "invalid_batch_uid"),
      Req("GET", "/batches/4000000000", "", 404, "batch_not_found"),
      Req("GET", "/batches?statuses=done", "", 400, "invalid_task_statuses"),
      Req("GET", "/batches?limit=x", "", 400, "invalid_task_limit"),
      Req("GET", "/batches?nope=1", "", 400, "bad_request"),
      Req("GET", "/keys/%FF", "", 404, "api_key_not_found"),
  });
}

TEST_F(BadInputTest, OversizedHeadersAndBodies) {
  const std::string big_body = "[" + std::string(kBadInputPayloadLimit, ' ') + "]";
  CheckAll({
      Req("GET", "/indexes", "", 431, "").Header("X-Padding: " + std::string(9000, 'x')),
      Req("GET", "/indexes?" + std::string(9000, 'a'), "", 431, ""),
      Req("GET", "/indexes", "", 431, "").Authorization("Bearer " + std::string(9000, 'k')),
      Req("POST", kDocs, big_body, 413, "payload_too_large"),
      Req("POST", kSearch, big_body, 413, "payload_too_large"),
      Req("PATCH", "/indexes/movies/settings", big_body, 413, "payload_too_large"),
      // Before any credential is looked at.
      Req("POST", kDocs, big_body, 413, "payload_too_large").Authorization(std::nullopt),
      // At the limit exactly: read.
      Req("POST", kSearch, "{" + std::string(kBadInputPayloadLimit - 2, ' ') + "}", 200, ""),
  });
}

TEST_F(BadInputTest, MalformedHttp) {
  const std::string auth = std::string("Authorization: Bearer ") + testing::kBadInputMaster;
  CheckAll({
      Raw("GARBAGE\r\n\r\n", 400, "bad_request"),
      Raw("GET /indexes HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, "bad_request"),
      Raw("GET /indexes HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
          400, "bad_request"),
      Raw("POST /indexes/movies/search HTTP/1.1\r\nHost: x\r\nContent-Length: "
          "99999999999999999999\r\n\r\n",
          400, "bad_request"),
      Raw("POST /indexes/movies/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          "\r\nzz\r\n",
          400, "bad_request"),
      Raw("POST /indexes/movies/documents HTTP/1.1\r\nHost: x\r\n" + auth +
              "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
              "100001\r\n" + std::string(0x100001, ' ') + "\r\n0\r\n\r\n",
          413, "payload_too_large"),
      Raw("GET /indexes\x01 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"),
      Raw("GET http://x/indexes HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n", 400, "bad_request"),
      Raw("GET /indexes HTTP/1.1\r\nHost: x\r\nX-Bad\x7f: 1\r\n\r\n", 400, "bad_request"),
  });
}

TEST_F(BadInputTest, MultiAndFacetSearchFields) {
  CheckAll({
      Req("POST", "/multi-search", R"({})", 400, "bad_request"),
      Req("POST", "/multi-search", R"({"queries":"movies"})", 400, "bad_request"),
      Req("POST", "/multi-search", R"({"queries":[1]})", 400, "bad_request"),
      Req("POST", "/multi-search", R"({"queries":[{"q":"alien"}]})", 400, "missing_index_uid"),
      Req("POST", "/multi-search", R"({"queries":[{"indexUid":1}]})", 400, "invalid_index_uid"),
      Req("POST", "/multi-search", R"({"queries":[{"indexUid":"movies","q":1}]})", 400,
          "invalid_search_q"),
      Req("POST", "/multi-search", R"({"queries":[{"indexUid":"movies","limit":-1}]})", 400,
          "invalid_search_limit"),
      Req("POST", "/multi-search", R"({"queries":[{"indexUid":"nope"}]})", 404, "index_not_found"),
      Req("POST", "/multi-search", R"({"queries":[],"foo":1})", 400, "bad_request"),
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":1})", 400,
          "invalid_facet_search_facet_name"),
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":"genre","facetQuery":1})", 400,
          "invalid_facet_search_query"),
      Req("POST", "/indexes/movies/facet-search",
          R"({"facetName":"genre","exhaustiveFacetCount":"yes"})", 400,
          "invalid_facet_search_exhaustive_facet_count"),
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":"genre","q":1})", 400,
          "invalid_search_q"),
      // Meilisearch's facet search body takes any search parameter (and ignores it).
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":"genre","limit":1})", 200, ""),
      Req("POST", "/indexes/nope/facet-search", R"({"facetName":"genre"})", 404, "index_not_found"),
  });
}

TEST_F(BadInputTest, BadIndexUids) {
  const std::string long_uid(401, 'a');
  CheckAll({
      Req("POST", "/indexes", R"({"uid":"../x"})", 400, "invalid_index_uid"),
      Req("POST", "/indexes", R"({"uid":"a b"})", 400, "invalid_index_uid"),
      Req("POST", "/indexes", R"({"uid":""})", 400, "invalid_index_uid"),
      Req("POST", "/indexes", R"({"uid":"caf\u00e9"})", 400, "invalid_index_uid"),
      Req("POST", "/indexes", "{\"uid\":\"" + long_uid + "\"}", 400, "invalid_index_uid"),
      Req("PATCH", "/indexes/movies", R"({"uid":"../x"})", 400, "invalid_index_uid"),
      Req("GET", "/indexes/..%2Fx", "", 400, "invalid_index_uid"),
      Req("GET", "/indexes/a%20b/documents", "", 400, "invalid_index_uid"),
      Req("GET", "/indexes/" + long_uid, "", 400, "invalid_index_uid"),
      Req("POST", "/indexes/a%20b/documents", R"([{"id":3}])", 400, "invalid_index_uid"),
      Req("POST", "/indexes/a%2Fb/search", "{}", 400, "invalid_index_uid"),
      Req("PATCH", "/indexes/a%00b/settings", R"({"stopWords":["a"]})", 400, "invalid_index_uid"),
      Req("DELETE", "/indexes/a.b", "", 400, "invalid_index_uid"),
      Req("POST", "/indexes/a%20b/documents/delete-batch", "[1]", 400, "invalid_index_uid"),
      Req("GET", "/indexes/nope", "", 404, "index_not_found"),
      Req("POST", "/indexes/nope/search", "{}", 404, "index_not_found"),
      Req("POST", "/multi-search", R"({"queries":[{"indexUid":"a b"}]})", 400, "invalid_index_uid"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":["../x"],"expiresAt":null})", 400,
          "invalid_api_key_indexes"),
  });
}

TEST_F(BadInputTest, BadDocumentIds) {
  CheckAll({
      Req("GET", "/indexes/movies/documents/a%20b", "", 404, "document_not_found"),
      Req("GET", "/indexes/movies/documents/" + std::string(600, 'a'), "", 404,
          "document_not_found"),
      Req("POST", kFetch, R"({"ids":[1.5]})", 400, "invalid_document_ids"),
      Req("POST", "/indexes/movies/documents/delete-batch", R"([true])", 400,
          "invalid_document_id"),
      Req("POST", "/indexes/movies/documents/delete-batch", R"([[1]])", 400, "invalid_document_id"),
      // Refused when the task runs, as Meilisearch does.
      Req("POST", kDocs, R"([{"id":"a b"}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, R"([{"id":"x"},{"id":1.5}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, "[{\"id\":\"" + std::string(512, 'a') + "\"}]", 202, "invalid_document_id")
          .Async(),
      Req("POST", kDocs, R"([{"id":{"a":1}}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, R"([{"id":18446744073709551616}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, "{\"id\":-9223372036854775809}\n", 202, "invalid_document_id")
          .ContentType("application/x-ndjson")
          .Async(),
      Req("POST", kDocs, R"([{"id":true}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, R"([{"id":""}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, R"([{"id":"café"}])", 202, "invalid_document_id").Async(),
      Req("POST", kDocs, "id,title\n\"a b\",x\n", 202, "invalid_document_id")
          .ContentType("text/csv")
          .Async(),
      Req("POST", kDocs, R"([{"title":"no id"}])", 202, "missing_document_id").Async(),
      Req("PUT", kDocs, R"([{"id":3},{"title":"no id"}])", 202, "missing_document_id").Async(),
      Req("POST", "/indexes/empty/documents", R"([{"title":"x"}])", 202,
          "index_primary_key_no_candidate_found")
          .Async(),
      Req("POST", "/indexes/empty/documents", R"([{"a_id":1,"b_id":2}])", 202,
          "index_primary_key_multiple_candidates_found")
          .Async(),
      Req("POST", "/indexes/movies/documents?primaryKey=title", R"([{"id":3,"title":"x"}])", 202,
          "index_primary_key_already_exists")
          .Async(),
      Req("PATCH", "/indexes/movies", R"({"primaryKey":"title"})", 202,
          "index_primary_key_already_exists")
          .Async(),
      Req("POST", "/indexes", R"({"uid":"movies"})", 202, "index_already_exists").Async(),
      Req("DELETE", "/indexes/movies/documents/a%20b", "", 202, "").Async(),
      Req("DELETE", "/indexes/movies/documents/%FF", "", 202, "").Async(),
  });
}

// What Meilisearch refuses only when the task runs: the task fails, nothing changes.
TEST_F(BadInputTest, AsynchronousErrors) {
  CheckAll({
      Req("DELETE", "/indexes/nope", "", 202, "index_not_found").Async(),
      Req("PATCH", "/indexes/nope", R"({"primaryKey":"id"})", 202, "index_not_found").Async(),
      Req("PATCH", "/indexes/movies", R"({"uid":"empty"})", 202, "index_already_exists").Async(),
      Req("DELETE", "/indexes/nope/documents", "", 202, "index_not_found").Async(),
      Req("DELETE", "/indexes/nope/documents/1", "", 202, "index_not_found").Async(),
      Req("POST", "/indexes/nope/documents/delete-batch", "[1]", 202, "index_not_found").Async(),
      Req("POST", "/indexes/nope/documents/delete", R"({"filter":"genre = scifi"})", 202,
          "index_not_found")
          .Async(),
      Req("POST", "/indexes/empty/documents", R"([{"id":[1]}])", 202, "invalid_document_id")
          .Async(),
      Req("POST", "/indexes/empty/documents?primaryKey=sku", R"([{"id":1}])", 202,
          "missing_document_id")
          .Async(),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","nope"]}])", 202, "index_not_found")
          .Async(),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty"],"rename":true}])", 202,
          "index_already_exists")
          .Async(),
      // A later step's failure undoes the first.
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty"]},{"indexes":["a","b"]}])", 202,
          "index_not_found")
          .Async(),
  });
}

TEST_F(BadInputTest, BadSwaps) {
  CheckAll({
      Req("POST", "/swap-indexes", R"({"indexes":["movies","empty"]})", 400, "bad_request"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies"]}])", 400, "invalid_swap_indexes"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty","x"]}])", 400,
          "invalid_swap_indexes"),
      Req("POST", "/swap-indexes", R"([{"indexes":"movies"}])", 400, "invalid_swap_indexes"),
      Req("POST", "/swap-indexes", R"([{"rename":true}])", 400, "missing_swap_indexes"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty"],"rename":1}])", 400,
          "invalid_swap_rename"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty"],"extra":1}])", 400,
          "bad_request"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","bad uid"]}])", 400,
          "invalid_index_uid"),
      Req("POST", "/swap-indexes", R"([{"indexes":["movies","empty"]},{"indexes":["empty","x"]}])",
          400, "invalid_swap_duplicate_index_found"),
      Req("POST", "/swap-indexes", "", 400, "missing_payload"),
  });
}

TEST_F(BadInputTest, BadKeyTargets) {
  const std::string uid(Get("GET", "/keys").at("results").at(0).at("uid").as_string());
  CheckAll({
      Req("POST", "/keys",
          R"({"uid":")" + uid + R"(","actions":["search"],"indexes":["*"],"expiresAt":null})", 409,
          "api_key_already_exists"),
      Req("DELETE", "/keys/nope", "", 404, "api_key_not_found"),
      Req("PATCH", "/keys/nope", R"({"name":"x"})", 404, "api_key_not_found"),
      Req("DELETE", "/keys/00000000-0000-4000-8000-000000000000", "", 404, "api_key_not_found"),
      Req("GET", "/keys/" + std::string(600, 'a'), "", 404, "api_key_not_found"),
  });
}

TEST_F(BadInputTest, BadFilters) {
  CheckAll({
      Req("POST", kSearch, R"({"filter":"genre ="})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"genre = scifi AND"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"(genre = scifi"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"title = Alien"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"year 1 TO"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"genre IN [scifi"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"j({"filter":"_geoRadius(1, 2)"})j", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":["genre = scifi", 1]})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":"\"genre = scifi"})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"sort":["title:asc"]})", 400, "invalid_search_sort"),
      Req("POST", kSearch, R"({"sort":["year:up"]})", 400, "invalid_search_sort"),
      Req("POST", kSearch, R"({"sort":["_geoPoint(1, 2):asc"]})", 400, "invalid_search_sort"),
      Req("POST", kSearch, R"({"distinct":"title"})", 400, "invalid_search_distinct"),
      Req("POST", kSearch, R"j({"filter":"_geoRadius(1, 2, 3)"})j", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"j({"filter":"_geoRadius(1e400, 2, 3)"})j", 400,
          "invalid_search_filter"),
      Req("POST", kSearch, R"({"facets":["title"]})", 400, "invalid_search_facets"),
      Req("GET", "/indexes/movies/search?filter=genre%20%3D", "", 400, "invalid_search_filter"),
      Req("GET", "/indexes/movies/documents?filter=genre%20%3D", "", 400,
          "invalid_document_filter"),
      Req("GET", "/indexes/movies/documents?filter=title%20%3D%20x", "", 400,
          "invalid_document_filter"),
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":"genre ="})", 400,
          "invalid_document_filter"),
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":""})", 400,
          "invalid_document_filter"),
      // Syntax is checked at once; whether the attribute is filterable, in the task.
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":"title = Alien"})", 202,
          "invalid_document_filter")
          .Async(),
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":"title"})", 400,
          "invalid_facet_search_facet_name"),
      Req("POST", "/indexes/movies/facet-search", R"({"facetQuery":"a"})", 400,
          "missing_facet_search_facet_name"),
      Req("POST", "/indexes/movies/facet-search", R"({"facetName":"genre","filter":"x ="})", 400,
          "invalid_search_filter"),
  });
}

TEST_F(BadInputTest, BadContentTypes) {
  CheckAll({
      Req("POST", kDocs, R"([{"id":3}])", 415, "invalid_content_type").ContentType("text/plain"),
      Req("POST", kDocs, R"([{"id":3}])", 415, "invalid_content_type")
          .ContentType("application/xml"),
      Req("PUT", kDocs, R"([{"id":3}])", 415, "invalid_content_type").ContentType("json"),
      Req("POST", kDocs, R"([{"id":3}])", 415, "missing_content_type").ContentType(std::nullopt),
      Req("POST", kDocs, R"([{"id":3}])", 415, "missing_content_type").ContentType(""),
      Req("POST", kDocs, R"([{"id":3}])", 400, "malformed_payload")
          .ContentType("application/x-ndjson"),
      Req("POST", "/indexes/movies/documents?csvDelimiter=ab", "id\n3\n", 400,
          "invalid_document_csv_delimiter")
          .ContentType("text/csv"),
      Req("POST", "/indexes/movies/documents?csvDelimiter=%FF", "id\n3\n", 400,
          "invalid_document_csv_delimiter")
          .ContentType("text/csv"),
      Req("POST", kSearch, "{}", 415, "invalid_content_type").ContentType("text/plain"),
      Req("POST", kSearch, "{}", 415, "missing_content_type").ContentType(std::nullopt),
      Req("POST", kSearch, "{}", 415, "invalid_content_type").ContentType("text/\xff"),
      Req("POST", kDocs, "[]", 415, "invalid_content_type").ContentType("\xfe/json"),
      Req("PATCH", "/indexes/movies/settings", "{}", 415, "invalid_content_type")
          .ContentType("application/x-www-form-urlencoded"),
      Req("POST", "/indexes", R"({"uid":"movies2"})", 415, "missing_content_type")
          .ContentType(std::nullopt),
      Req("POST", "/keys", "{}", 415, "invalid_content_type").ContentType("text/csv"),
      Req("POST", kFetch, "{}", 415, "invalid_content_type").ContentType("application/csv"),
      Req("POST", "/indexes/movies/documents/delete-batch", "[1]", 415, "missing_content_type")
          .ContentType(std::nullopt),
  });
}

TEST_F(BadInputTest, BadAuthorization) {
  CheckAll({
      Req("GET", "/indexes", "", 401, "missing_authorization_header").Authorization(std::nullopt),
      Req("POST", kDocs, R"([{"id":3}])", 401, "missing_authorization_header")
          .Authorization(std::nullopt),
      Req("POST", kDocs, R"([{"id":3}])", 401, "missing_authorization_header")
          .Authorization("Basic dXNlcjpwYXNz"),
      Req("PATCH", "/indexes/movies/settings", "{", 401, "missing_authorization_header")
          .Authorization(""),
      Req("DELETE", "/indexes/movies", "", 403, "invalid_api_key").Authorization("Bearer nope"),
      Req("POST", "/keys", "{}", 403, "invalid_api_key").Authorization("Bearer "),
      Req("GET", "/keys", "", 403, "invalid_api_key")
          .Authorization(std::string("Bearer ") + testing::kBadInputMaster + "x"),
      Req("DELETE", "/tasks?uids=0", "", 403, "invalid_api_key").Authorization("Bearer a.b.c"),
      Req("GET", kSearch, "", 401, "missing_authorization_header").Authorization("Bearer \xff\xfe"),
      Req("POST", kSearch, "{}", 403, "invalid_api_key")
          .Authorization("Bearer eyJhbGciOiJub25lIn0.e30."),
      // Authentication comes before the route's own checks.
      Req("GET", "/indexes/a%20b", "", 403, "invalid_api_key").Authorization("Bearer x"),
      Req("GET", "/nope", "", 404, "").Authorization(std::nullopt),
  });
}

}  // namespace
}  // namespace myriad::http
