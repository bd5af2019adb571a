// Bad JSON bodies and bodies of the wrong shape, on every route that reads
// one: malformed JSON, not an object where one is required, wrong types for
// the major fields of search, settings, documents fetch, index creation, keys
// and task queries, unknown fields, and numbers that are too large, negative
// or not integers. Each row: the exact status and code, and the data unchanged.
#include <gtest/gtest.h>

#include "http/bad_input_test_util.h"

namespace myriad::http {
namespace {

using testing::BadInputTest;
using testing::Req;
using testing::Row;

constexpr char kSearch[] = "/indexes/movies/search";
constexpr char kFetch[] = "/indexes/movies/documents/fetch";
constexpr char kDocs[] = "/indexes/movies/documents";
constexpr char kSettings[] = "/indexes/movies/settings";

TEST_F(BadInputTest, MalformedJson) {
  CheckAll({
      Req("POST", kSearch, R"({"q":"alien")", 400, "malformed_payload"),
      Req("POST", kSearch, R"({"q":"alien"} x)", 400, "malformed_payload"),
      Req("POST", kSearch, R"({"q":"alien"}{})", 400, "malformed_payload"),
      Req("POST", kSearch, R"({'q':'alien'})", 400, "malformed_payload"),
      Req("POST", kSearch, R"({"q":"alien",})", 400, "malformed_payload"),
      // Myriad's choice: an empty search body is a placeholder search (clients send one).
      Req("POST", kSearch, "", 200, ""),
      Req("POST", "/indexes", "", 400, "missing_payload"),
      Req("PATCH", "/indexes/movies/settings", "", 400, "missing_payload"),
      Req("PATCH", kSettings, R"({"stopWords":["a"])", 400, "malformed_payload"),
      Req("PUT", "/indexes/movies/settings/stop-words", R"(["a")", 400, "malformed_payload"),
      Req("POST", "/indexes", R"({"uid":"x",)", 400, "malformed_payload"),
      Req("PATCH", "/indexes/movies", R"({"primaryKey":)", 400, "malformed_payload"),
      Req("POST", "/keys", "not json", 400, "malformed_payload"),
      Req("POST", kFetch, R"({"limit":1)", 400, "malformed_payload"),
      Req("POST", "/indexes/movies/documents/delete-batch", "[1,", 400, "malformed_payload"),
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":})", 400, "malformed_payload"),
      Req("POST", "/indexes/movies/facet-search", "{", 400, "malformed_payload"),
      Req("POST", "/multi-search", R"({"queries":[)", 400, "malformed_payload"),
      // Documents: the payload is checked before a task is enqueued.
      Req("POST", kDocs, R"([{"id":3})", 400, "malformed_payload"),
      Req("POST", kDocs, R"([{"id":3}] x)", 400, "malformed_payload"),
      Req("POST", kDocs, "[1,2]", 400, "malformed_payload"),
      Req("POST", kDocs, R"([{"id":3},"x"])", 400, "malformed_payload"),
      Req("POST", kDocs, R"("x")", 400, "malformed_payload"),
      Req("POST", kDocs, "42", 400, "malformed_payload"),
      Req("PUT", kDocs, R"([[{"id":3}]])", 400, "malformed_payload"),
      Req("POST", kDocs, "{\"id\":3}\n{\"id\":", 400, "malformed_payload")
          .ContentType("application/x-ndjson"),
      Req("POST", kDocs, "{\"id\":3}\n[1]\n", 400, "malformed_payload")
          .ContentType("application/x-ndjson"),
  });
}

TEST_F(BadInputTest, NotAnObject) {
  CheckAll({
      Req("POST", kSearch, "[]", 400, "bad_request"),
      Req("POST", kSearch, R"("alien")", 400, "bad_request"),
      Req("POST", kSearch, "null", 400, "bad_request"),
      Req("PATCH", kSettings, R"(["stopWords"])", 400, "bad_request"),
      Req("POST", "/indexes", R"(["movies2"])", 400, "bad_request"),
      Req("PATCH", "/indexes/movies", "1", 400, "bad_request"),
      Req("POST", "/keys", "[]", 400, "bad_request"),
      Req("POST", kFetch, "true", 400, "bad_request"),
      Req("POST", "/indexes/movies/documents/delete", "[]", 400, "bad_request"),
      Req("POST", "/indexes/movies/documents/delete-batch", R"({"ids":[1]})", 400, "bad_request"),
      Req("POST", "/indexes/movies/facet-search", "[]", 400, "bad_request"),
      Req("POST", "/multi-search", "[]", 400, "bad_request"),
  });
}

TEST_F(BadInputTest, SearchFieldTypes) {
  CheckAll({
      Req("POST", kSearch, R"({"q":1})", 400, "invalid_search_q"),
      Req("POST", kSearch, R"({"q":["alien"]})", 400, "invalid_search_q"),
      Req("POST", kSearch, R"({"offset":"1"})", 400, "invalid_search_offset"),
      Req("POST", kSearch, R"({"limit":true})", 400, "invalid_search_limit"),
      Req("POST", kSearch, R"({"page":"2"})", 400, "invalid_search_page"),
      Req("POST", kSearch, R"({"hitsPerPage":[]})", 400, "invalid_search_hits_per_page"),
      Req("POST", kSearch, R"({"attributesToRetrieve":"title"})", 400,
          "invalid_search_attributes_to_retrieve"),
      Req("POST", kSearch, R"({"attributesToRetrieve":[1]})", 400,
          "invalid_search_attributes_to_retrieve"),
      Req("POST", kSearch, R"({"attributesToCrop":{"title":1}})", 400,
          "invalid_search_attributes_to_crop"),
      Req("POST", kSearch, R"({"cropLength":"10"})", 400, "invalid_search_crop_length"),
      Req("POST", kSearch, R"({"cropMarker":1})", 400, "invalid_search_crop_marker"),
      Req("POST", kSearch, R"({"attributesToHighlight":1})", 400,
          "invalid_search_attributes_to_highlight"),
      Req("POST", kSearch, R"({"highlightPreTag":[]})", 400, "invalid_search_highlight_pre_tag"),
      Req("POST", kSearch, R"({"highlightPostTag":{}})", 400, "invalid_search_highlight_post_tag"),
      Req("POST", kSearch, R"({"showMatchesPosition":"yes"})", 400,
          "invalid_search_show_matches_position"),
      Req("POST", kSearch, R"({"showRankingScore":1})", 400, "invalid_search_show_ranking_score"),
      Req("POST", kSearch, R"({"showRankingScoreDetails":"true"})", 400,
          "invalid_search_show_ranking_score_details"),
      Req("POST", kSearch, R"({"retrieveVectors":0})", 400, "invalid_search_retrieve_vectors"),
      Req("POST", kSearch, R"({"filter":1})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":{"genre":"scifi"}})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"filter":[1]})", 400, "invalid_search_filter"),
      Req("POST", kSearch, R"({"sort":"year:asc"})", 400, "invalid_search_sort"),
      Req("POST", kSearch, R"({"sort":[1]})", 400, "invalid_search_sort"),
      Req("POST", kSearch, R"({"distinct":["genre"]})", 400, "invalid_search_distinct"),
      Req("POST", kSearch, R"({"facets":"genre"})", 400, "invalid_search_facets"),
      Req("POST", kSearch, R"({"matchingStrategy":"most"})", 400,
          "invalid_search_matching_strategy"),
      Req("POST", kSearch, R"({"matchingStrategy":1})", 400, "invalid_search_matching_strategy"),
      Req("POST", kSearch, R"({"attributesToSearchOn":"title"})", 400,
          "invalid_search_attributes_to_search_on"),
      Req("POST", kSearch, R"({"rankingScoreThreshold":"0.5"})", 400,
          "invalid_search_ranking_score_threshold"),
      Req("POST", kSearch, R"({"rankingScoreThreshold":1.5})", 400,
          "invalid_search_ranking_score_threshold"),
      Req("POST", kSearch, R"({"locales":"fra"})", 400, "invalid_search_locales"),
      Req("POST", kSearch, R"({"query":"alien"})", 400, "bad_request"),
      Req("POST", kSearch, R"({"Q":"alien"})", 400, "bad_request"),
      // The same through GET's query string.
      Req("GET", "/indexes/movies/search?limit=x", "", 400, "invalid_search_limit"),
      Req("GET", "/indexes/movies/search?offset=-1", "", 400, "invalid_search_offset"),
      Req("GET", "/indexes/movies/search?hitsPerPage=1.5", "", 400, "invalid_search_hits_per_page"),
      Req("GET", "/indexes/movies/search?cropLength=ten", "", 400, "invalid_search_crop_length"),
      Req("GET", "/indexes/movies/search?showRankingScore=yes", "", 400,
          "invalid_search_show_ranking_score"),
      Req("GET", "/indexes/movies/search?showMatchesPosition=1", "", 400,
          "invalid_search_show_matches_position"),
      Req("GET", "/indexes/movies/search?matchingStrategy=most", "", 400,
          "invalid_search_matching_strategy"),
      Req("GET", "/indexes/movies/search?page=x", "", 400, "invalid_search_page"),
      Req("GET", "/indexes/movies/search?rankingScoreThreshold=x", "", 400,
          "invalid_search_ranking_score_threshold"),
      Req("GET", "/indexes/movies/search?showRankingScoreDetails=no", "", 400,
          "invalid_search_show_ranking_score_details"),
      Req("GET", "/indexes/movies/search?retrieveVectors=no", "", 400,
          "invalid_search_retrieve_vectors"),
      Req("GET", "/indexes/movies/search?showPerformanceDetails=no", "", 400, "bad_request"),
      Req("GET", "/indexes/movies/search?foo=1", "", 400, "bad_request"),
  });
}

TEST_F(BadInputTest, SettingsFieldTypes) {
  CheckAll({
      Req("PATCH", kSettings, R"({"rankingRules":"words"})", 400, "invalid_settings_ranking_rules"),
      Req("PATCH", kSettings, R"({"rankingRules":["nope"]})", 400,
          "invalid_settings_ranking_rules"),
      Req("PATCH", kSettings, R"({"displayedAttributes":1})", 400,
          "invalid_settings_displayed_attributes"),
      Req("PATCH", kSettings, R"({"searchableAttributes":{"title":1}})", 400,
          "invalid_settings_searchable_attributes"),
      Req("PATCH", kSettings, R"({"filterableAttributes":"genre"})", 400,
          "invalid_settings_filterable_attributes"),
      Req("PATCH", kSettings, R"({"sortableAttributes":[1]})", 400,
          "invalid_settings_sortable_attributes"),
      Req("PATCH", kSettings, R"({"distinctAttribute":1})", 400,
          "invalid_settings_distinct_attribute"),
      Req("PATCH", kSettings, R"({"stopWords":"a"})", 400, "invalid_settings_stop_words"),
      Req("PATCH", kSettings, R"({"synonyms":["a"]})", 400, "invalid_settings_synonyms"),
      Req("PATCH", kSettings, R"({"synonyms":{"a":"b"}})", 400, "invalid_settings_synonyms"),
      Req("PATCH", kSettings, R"({"typoTolerance":{"enabled":"yes"}})", 400,
          "invalid_settings_typo_tolerance"),
      Req("PATCH", kSettings, R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":-1}}})", 400,
          "invalid_settings_typo_tolerance"),
      Req("PATCH", kSettings, R"({"faceting":{"maxValuesPerFacet":-1}})", 400,
          "invalid_settings_faceting"),
      Req("PATCH", kSettings, R"({"pagination":{"maxTotalHits":"1000"}})", 400,
          "invalid_settings_pagination"),
      Req("PATCH", kSettings, R"({"pagination":{"maxTotalHits":1e30}})", 400,
          "invalid_settings_pagination"),
      Req("PATCH", kSettings, R"({"proximityPrecision":"byFoo"})", 400,
          "invalid_settings_proximity_precision"),
      Req("PATCH", kSettings, R"({"separatorTokens":"-"})", 400,
          "invalid_settings_separator_tokens"),
      Req("PATCH", kSettings, R"({"nonSeparatorTokens":1})", 400,
          "invalid_settings_non_separator_tokens"),
      Req("PATCH", kSettings, R"({"dictionary":{}})", 400, "invalid_settings_dictionary"),
      Req("PATCH", kSettings, R"({"searchCutoffMs":-1})", 400, "invalid_settings_search_cutoff_ms"),
      Req("PATCH", kSettings, R"({"searchCutoffMs":1.5})", 400,
          "invalid_settings_search_cutoff_ms"),
      Req("PATCH", kSettings, R"({"facetSearch":"yes"})", 400, "invalid_settings_facet_search"),
      Req("PATCH", kSettings, R"({"prefixSearch":"sometimes"})", 400,
          "invalid_settings_prefix_search"),
      Req("PATCH", kSettings, R"({"localizedAttributes":1})", 400,
          "invalid_settings_localized_attributes"),
      Req("PATCH", kSettings, R"({"rankingRules":["year:up"]})", 400,
          "invalid_settings_ranking_rules"),
      Req("PATCH", kSettings, R"({"displayedAttributes":["*",1]})", 400,
          "invalid_settings_displayed_attributes"),
      Req("PATCH", kSettings, R"({"synonyms":{"a":["b",1]}})", 400, "invalid_settings_synonyms"),
      Req("PATCH", kSettings,
          R"({"typoTolerance":{"minWordSizeForTypos":{"oneTypo":10,"twoTypos":5}}})", 400,
          "invalid_settings_typo_tolerance"),
      Req("PATCH", kSettings, R"({"pagination":{"maxTotalHits":-1}})", 400,
          "invalid_settings_pagination"),
      Req("PATCH", kSettings, R"({"faceting":{"sortFacetValuesBy":{"genre":"up"}}})", 400,
          "invalid_settings_faceting"),
      Req("PATCH", kSettings, R"({"distinctAttribute":["genre"]})", 400,
          "invalid_settings_distinct_attribute"),
      Req("PATCH", kSettings, R"({"filterableAttributes":[{"attributePatterns":1}]})", 400,
          "invalid_settings_filterable_attributes"),
      Req("PATCH", kSettings, R"({"embedders":1})", 400, "invalid_settings_embedders"),
      Req("PATCH", "/indexes/nope/settings", R"({"stopWords":"a"})", 400,
          "invalid_settings_stop_words"),
      Req("PATCH", kSettings, R"({"stopwords":["a"]})", 400, "bad_request"),
      Req("PUT", "/indexes/movies/settings/ranking-rules", R"("words")", 400,
          "invalid_settings_ranking_rules"),
      Req("PUT", "/indexes/movies/settings/filterable-attributes", R"({"genre":1})", 400,
          "invalid_settings_filterable_attributes"),
      Req("PATCH", "/indexes/movies/settings/typo-tolerance", R"([])", 400,
          "invalid_settings_typo_tolerance"),
      Req("PUT", "/indexes/movies/settings/search-cutoff-ms", R"("1")", 400,
          "invalid_settings_search_cutoff_ms"),
  });
}

TEST_F(BadInputTest, DocumentsFetchFieldTypes) {
  CheckAll({
      Req("POST", kFetch, R"({"offset":"1"})", 400, "invalid_document_offset"),
      Req("POST", kFetch, R"({"limit":-1})", 400, "invalid_document_limit"),
      Req("POST", kFetch, R"({"fields":"title"})", 400, "invalid_document_fields"),
      Req("POST", kFetch, R"({"fields":[1]})", 400, "invalid_document_fields"),
      Req("POST", kFetch, R"({"ids":"1"})", 400, "invalid_document_ids"),
      Req("POST", kFetch, R"({"ids":[{"id":1}]})", 400, "invalid_document_ids"),
      Req("POST", kFetch, R"({"filter":1})", 400, "invalid_document_filter"),
      Req("POST", kFetch, R"({"filter":"genre ="})", 400, "invalid_document_filter"),
      Req("POST", kFetch, R"({"sort":"year:asc"})", 400, "invalid_document_sort"),
      Req("POST", kFetch, R"({"retrieveVectors":1})", 400, "invalid_document_retrieve_vectors"),
      Req("POST", kFetch, R"({"offest":1})", 400, "bad_request"),
      Req("GET", "/indexes/movies/documents?limit=x", "", 400, "invalid_document_limit"),
      Req("GET", "/indexes/movies/documents?offset=-1", "", 400, "invalid_document_offset"),
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":1})", 400,
          "invalid_document_filter"),
      Req("POST", "/indexes/movies/documents/delete", R"({})", 400, "missing_document_filter"),
      Req("POST", "/indexes/movies/documents/delete", R"({"filter":"genre = scifi","x":1})", 400,
          "bad_request"),
      Req("POST", "/indexes/movies/documents/delete-batch", R"([1,{"id":2}])", 400,
          "invalid_document_id"),
  });
}

TEST_F(BadInputTest, IndexAndKeyFieldTypes) {
  const std::string kKeyTail = R"("indexes":["*"],"expiresAt":null})";
  CheckAll({
      Req("POST", "/indexes", R"({"uid":1})", 400, "invalid_index_uid"),
      Req("POST", "/indexes", R"({"uid":"movies2","primaryKey":1})", 400,
          "invalid_index_primary_key"),
      Req("POST", "/indexes", R"({"primaryKey":"id"})", 400, "missing_index_uid"),
      Req("POST", "/indexes", R"({"uid":"movies2","name":"x"})", 400, "bad_request"),
      Req("PATCH", "/indexes/movies", R"({"primaryKey":["id"]})", 400, "invalid_index_primary_key"),
      Req("PATCH", "/indexes/movies", R"({"uid":false})", 400, "invalid_index_uid"),
      Req("POST", "/keys", R"({"actions":"search",)" + kKeyTail, 400, "invalid_api_key_actions"),
      Req("POST", "/keys", R"({"actions":["nope"],)" + kKeyTail, 400, "invalid_api_key_actions"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":"*","expiresAt":null})", 400,
          "invalid_api_key_indexes"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":["a b"],"expiresAt":null})", 400,
          "invalid_api_key_indexes"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":["*"],"expiresAt":1})", 400,
          "invalid_api_key_expires_at"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":["*"],"expiresAt":"tomorrow"})", 400,
          "invalid_api_key_expires_at"),
      Req("POST", "/keys",
          R"({"actions":["search"],"indexes":["*"],"expiresAt":"2000-01-01T00:00:00Z"})", 400,
          "invalid_api_key_expires_at"),
      Req("POST", "/keys", R"({"name":1,"actions":["search"],)" + kKeyTail, 400,
          "invalid_api_key_name"),
      Req("POST", "/keys", R"({"description":[],"actions":["search"],)" + kKeyTail, 400,
          "invalid_api_key_description"),
      Req("POST", "/keys", R"({"uid":"not-a-uuid","actions":["search"],)" + kKeyTail, 400,
          "invalid_api_key_uid"),
      Req("POST", "/keys", R"({"indexes":["*"],"expiresAt":null})", 400, "missing_api_key_actions"),
      Req("POST", "/keys", R"({"actions":["search"],"expiresAt":null})", 400,
          "missing_api_key_indexes"),
      Req("POST", "/keys", R"({"actions":["search"],"indexes":["*"]})", 400,
          "missing_api_key_expires_at"),
      Req("POST", "/keys", R"({"actions":["search"],"key":"x",)" + kKeyTail, 400, "bad_request"),
      Req("GET", "/keys?limit=x", "", 400, "invalid_api_key_limit"),
      Req("GET", "/keys?offset=-1", "", 400, "invalid_api_key_offset"),
      Req("GET", "/keys/not-a-key", "", 404, "api_key_not_found"),
  });
}

TEST_F(BadInputTest, KeyPatchFields) {
  const std::string uid(Get("GET", "/keys").at("results").at(0).at("uid").as_string());
  const std::string path = "/keys/" + uid;
  CheckAll({
      Req("PATCH", path, R"({"actions":["search"]})", 400, "immutable_api_key_actions"),
      Req("PATCH", path, R"({"indexes":["*"]})", 400, "immutable_api_key_indexes"),
      Req("PATCH", path, R"({"expiresAt":null})", 400, "immutable_api_key_expires_at"),
      Req("PATCH", path, R"({"uid":")" + uid + R"("})", 400, "immutable_api_key_uid"),
      Req("PATCH", path, R"({"key":"x"})", 400, "bad_request"),
      Req("PATCH", path, R"({"createdAt":"x"})", 400, "immutable_api_key_created_at"),
      Req("PATCH", path, R"({"name":1})", 400, "invalid_api_key_name"),
      Req("PATCH", path, R"({"description":{}})", 400, "invalid_api_key_description"),
      Req("PATCH", path, R"({"nmae":"x"})", 400, "bad_request"),
      Req("PATCH", path, "[]", 400, "bad_request"),
  });
}

TEST_F(BadInputTest, HugeNegativeAndFractionalNumbers) {
  CheckAll({
      Req("POST", kSearch, R"({"limit":1e30})", 400, "invalid_search_limit"),
      Req("POST", kSearch, R"({"limit":-1})", 400, "invalid_search_limit"),
      Req("POST", kSearch, R"({"limit":1.5})", 400, "invalid_search_limit"),
      Req("POST", kSearch, R"({"limit":18446744073709551616})", 400, "invalid_search_limit"),
      Req("POST", kSearch, R"({"offset":1e30})", 400, "invalid_search_offset"),
      Req("POST", kSearch, R"({"offset":-9223372036854775808})", 400, "invalid_search_offset"),
      Req("POST", kSearch, R"({"page":-1})", 400, "invalid_search_page"),
      Req("POST", kSearch, R"({"cropLength":1e300})", 400, "invalid_search_crop_length"),
      Req("POST", kSearch, R"({"rankingScoreThreshold":-0.1})", 400,
          "invalid_search_ranking_score_threshold"),
      Req("POST", kFetch, R"({"limit":18446744073709551616})", 400, "invalid_document_limit"),
      Req("POST", kFetch, R"({"offset":0.5})", 400, "invalid_document_offset"),
      Req("GET", "/indexes/movies/documents?limit=1e30", "", 400, "invalid_document_limit"),
      Req("GET", "/indexes/movies/documents?limit=18446744073709551616", "", 400,
          "invalid_document_limit"),
      Req("GET", "/indexes/movies/documents?offset=1.5", "", 400, "invalid_document_offset"),
      Req("GET", "/indexes/movies/search?limit=1e30", "", 400, "invalid_search_limit"),
      Req("GET", "/indexes/movies/search?limit=-5", "", 400, "invalid_search_limit"),
      Req("GET", "/indexes?limit=-1", "", 400, "invalid_index_limit"),
      Req("GET", "/indexes?offset=18446744073709551616", "", 400, "invalid_index_offset"),
      Req("GET", "/keys?limit=1e30", "", 400, "invalid_api_key_limit"),
      Req("GET", "/tasks?limit=1e30", "", 400, "invalid_task_limit"),
      Req("GET", "/tasks?limit=4294967296", "", 400, "invalid_task_limit"),
      Req("GET", "/tasks?from=-1", "", 400, "invalid_task_from"),
      Req("GET", "/tasks?uids=1.5", "", 400, "invalid_task_uids"),
      Req("GET", "/tasks/18446744073709551616", "", 400, "invalid_task_uid"),
      Req("GET", "/tasks/-1", "", 400, "invalid_task_uid"),
      Req("PATCH", kSettings, R"({"faceting":{"maxValuesPerFacet":1.5}})", 400,
          "invalid_settings_faceting"),
      // The largest integers are accepted, and answer an empty page.
      Req("POST", kSearch, R"({"offset":18446744073709551615,"limit":18446744073709551615})", 200,
          ""),
      Req("POST", kSearch, R"({"page":18446744073709551615,"hitsPerPage":18446744073709551615})",
          200, ""),
      Req("POST", kFetch, R"({"offset":18446744073709551615,"limit":18446744073709551615})", 200,
          ""),
      Req("GET", "/indexes/movies/documents?offset=18446744073709551615&limit=18446744073709551615",
          "", 200, ""),
      Req("GET", "/indexes?offset=18446744073709551615&limit=18446744073709551615", "", 200, ""),
      Req("GET", "/tasks?from=4294967295&limit=4294967295", "", 200, ""),
  });
}

TEST_F(BadInputTest, TaskQueries) {
  CheckAll({
      Req("GET", "/tasks?statuses=done", "", 400, "invalid_task_statuses"),
      Req("GET", "/tasks?types=documentAddition", "", 400, "invalid_task_types"),
      Req("GET", "/tasks?indexUids=../x", "", 400, "invalid_index_uid"),
      Req("GET", "/tasks?uids=a", "", 400, "invalid_task_uids"),
      Req("GET", "/tasks?batchUids=a", "", 400, "invalid_task_batch_uids"),
      Req("GET", "/tasks?canceledBy=a", "", 400, "invalid_task_canceled_by"),
      Req("GET", "/tasks?reverse=yes", "", 400, "invalid_task_reverse"),
      Req("GET", "/tasks?afterEnqueuedAt=yesterday", "", 400, "invalid_task_after_enqueued_at"),
      Req("GET", "/tasks?beforeEnqueuedAt=2020-13-45", "", 400, "invalid_task_before_enqueued_at"),
      Req("GET", "/tasks?afterStartedAt=1", "", 400, "invalid_task_after_started_at"),
      Req("GET", "/tasks?beforeStartedAt=x", "", 400, "invalid_task_before_started_at"),
      Req("GET", "/tasks?afterFinishedAt=x", "", 400, "invalid_task_after_finished_at"),
      Req("GET", "/tasks?beforeFinishedAt=x", "", 400, "invalid_task_before_finished_at"),
      Req("GET", "/tasks?foo=1", "", 400, "bad_request"),
      Req("GET", "/tasks/x", "", 400, "invalid_task_uid"),
      Req("GET", "/tasks/4294967295", "", 404, "task_not_found"),
      Req("POST", "/tasks/cancel", "", 400, "missing_task_filters"),
      Req("POST", "/tasks/cancel?limit=1", "", 400, "missing_task_filters"),
      Req("DELETE", "/tasks", "", 400, "missing_task_filters"),
      Req("POST", "/tasks/cancel?uids=-1", "", 400, "invalid_task_uids"),
      Req("DELETE", "/tasks?statuses=nope", "", 400, "invalid_task_statuses"),
      Req("DELETE", "/tasks?afterEnqueuedAt=x", "", 400, "invalid_task_after_enqueued_at"),
  });
}

}  // namespace
}  // namespace myriad::http
