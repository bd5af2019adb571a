#include "http/search_routes.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <memory>

#include "engine/search/search_request.h"
#include "http/body_fields.h"
#include "http/index_read.h"
#include "http/json_body.h"
#include "http/search_params.h"

namespace myriad::http {
namespace {

using engine::SearchRequest;

// Every parameter Meilisearch's search accepts; those Myriad does not act on
// (vectors, hybrid, locales, ...) are accepted and ignored, as their defaults.
constexpr std::string_view kSearchFields[] = {"q",
                                              "offset",
                                              "limit",
                                              "page",
                                              "hitsPerPage",
                                              "attributesToRetrieve",
                                              "retrieveVectors",
                                              "attributesToCrop",
                                              "cropLength",
                                              "cropMarker",
                                              "attributesToHighlight",
                                              "highlightPreTag",
                                              "highlightPostTag",
                                              "showMatchesPosition",
                                              "showRankingScore",
                                              "showRankingScoreDetails",
                                              "showPerformanceDetails",
                                              "filter",
                                              "sort",
                                              "distinct",
                                              "facets",
                                              "matchingStrategy",
                                              "attributesToSearchOn",
                                              "rankingScoreThreshold",
                                              "locales",
                                              "hybrid",
                                              "vector",
                                              "media",
                                              "personalize"};

// Reads Meilisearch's search parameters from a JSON object. A multi-search
// query (`in_multi_search`) also carries its `indexUid`.
std::variant<SearchRequest, Response> ReadSearchRequest(const boost::json::value& body,
                                                        bool in_multi_search) {
  // A multi-search query's own copy, without its `indexUid`; a search's body as is.
  boost::json::value without_uid;
  if (in_multi_search && body.is_object()) {
    without_uid = body;
    without_uid.get_object().erase("indexUid");
  }
  auto opened =
      BodyFields::Open(without_uid.is_null() ? body : without_uid, kSearchFields, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const BodyFields& f = std::get<BodyFields>(opened);
  SearchRequest r;
  std::optional<uint64_t> offset, limit;
  std::optional<uint64_t> crop_length;
  std::optional<std::string> crop_marker, pre, post;
  std::optional<bool> matches, score, score_details, performance, vectors;
  std::optional<std::vector<std::string>> crop, highlight, sort;
  if (auto e = ReadMatchParams(f, r)) return *e;
  if (auto e = f.Uint("offset", "invalid_search_offset", offset)) return *e;
  if (auto e = f.Uint("limit", "invalid_search_limit", limit)) return *e;
  if (auto e = f.Uint("page", "invalid_search_page", r.page)) return *e;
  if (auto e = f.Uint("hitsPerPage", "invalid_search_hits_per_page", r.hits_per_page)) return *e;
  if (auto e = f.StringList("attributesToRetrieve", "invalid_search_attributes_to_retrieve",
                            r.attributes_to_retrieve)) {
    return *e;
  }
  if (auto e = f.Bool("retrieveVectors", "invalid_search_retrieve_vectors", vectors)) return *e;
  if (auto e = f.StringList("attributesToCrop", "invalid_search_attributes_to_crop", crop))
    return *e;
  if (auto e = f.Uint("cropLength", "invalid_search_crop_length", crop_length)) return *e;
  if (auto e = f.String("cropMarker", "invalid_search_crop_marker", crop_marker)) return *e;
  if (auto e = f.StringList("attributesToHighlight", "invalid_search_attributes_to_highlight",
                            highlight)) {
    return *e;
  }
  if (auto e = f.String("highlightPreTag", "invalid_search_highlight_pre_tag", pre)) return *e;
  if (auto e = f.String("highlightPostTag", "invalid_search_highlight_post_tag", post)) return *e;
  if (auto e = f.Bool("showMatchesPosition", "invalid_search_show_matches_position", matches)) {
    return *e;
  }
  if (auto e = f.Bool("showRankingScore", "invalid_search_show_ranking_score", score)) return *e;
  if (auto e = f.Bool("showRankingScoreDetails", "invalid_search_show_ranking_score_details",
                      score_details)) {
    return *e;
  }
  if (auto e = f.Bool("showPerformanceDetails", "bad_request", performance)) return *e;
  if (auto e = f.StringList("sort", "invalid_search_sort", sort)) return *e;
  if (auto e = f.String("distinct", "invalid_search_distinct", r.distinct)) return *e;
  if (auto e = f.StringList("facets", "invalid_search_facets", r.facets)) return *e;
  std::optional<std::vector<std::string>> locales;  // checked, not acted on
  if (auto e = f.StringList("locales", "invalid_search_locales", locales)) return *e;
  if (const boost::json::value* t = f.Raw("rankingScoreThreshold")) {
    if (!t->is_number() || t->to_number<double>() < 0 || t->to_number<double>() > 1) {
      return ErrorResponse("invalid_search_ranking_score_threshold",
                           "Invalid value at `.rankingScoreThreshold`: the value of "
                           "`rankingScoreThreshold` is invalid, expected a float between `0.0` "
                           "and `1.0`.");
    }
    r.ranking_score_threshold = t->to_number<double>();
  }
  r.offset = offset.value_or(0);
  r.limit = limit.value_or(20);
  if (sort) r.sort = std::move(*sort);
  if (highlight) r.format.highlight = std::move(*highlight);
  if (crop) r.format.crop = std::move(*crop);
  if (crop_length)
    r.format.crop_length = static_cast<uint32_t>(std::min<uint64_t>(*crop_length, UINT32_MAX));
  if (crop_marker) r.format.crop_marker = std::move(*crop_marker);
  if (pre) r.format.pre_tag = std::move(*pre);
  if (post) r.format.post_tag = std::move(*post);
  r.format.matches_position = matches.value_or(false);
  r.show_ranking_score = score.value_or(false);
  r.show_ranking_score_details = score_details.value_or(false);
  r.show_performance_details = performance.value_or(false);
  return r;
}

// GET /search's query string as the JSON body POST would send: lists are
// comma-separated, numbers and booleans are parsed.
std::variant<boost::json::value, Response> QueryToBody(const Request& req) {
  static const std::initializer_list<std::string_view> kNumbers = {
      "offset", "limit", "page", "hitsPerPage", "cropLength", "rankingScoreThreshold"};
  static const std::initializer_list<std::string_view> kBools = {
      "showMatchesPosition", "showRankingScore", "showRankingScoreDetails", "retrieveVectors",
      "showPerformanceDetails"};
  static const std::initializer_list<std::string_view> kLists = {
      "attributesToRetrieve", "attributesToCrop", "attributesToHighlight", "sort", "facets",
      "attributesToSearchOn", "locales"};
  boost::json::object body;
  for (const auto& param : req.query) {
    // Named, not bound: clang 14 cannot capture structured bindings in lambdas.
    const std::string& key = param.first;
    const std::string& value = param.second;
    auto in = [&](std::initializer_list<std::string_view> names) {
      return std::find(names.begin(), names.end(), key) != names.end();
    };
    // showRankingScore -> invalid_search_show_ranking_score, as POST's codes.
    auto code = [&] {
      if (key == "showPerformanceDetails") return std::string("bad_request");
      std::string snake = "invalid_search_";
      for (char c : key) {
        if (std::isupper(static_cast<unsigned char>(c))) {
          snake += '_';
          snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          snake += c;
        }
      }
      return snake;
    };
    if (in(kNumbers)) {
      boost::system::error_code ec;
      boost::json::value n = boost::json::parse(value, ec);
      if (ec || !n.is_number()) {
        return ErrorResponse(code(), "Invalid value in parameter `" + key + "`: could not parse `" +
                                         value + "` as a positive integer");
      }
      body[key] = n;
    } else if (in(kBools)) {
      if (value != "true" && value != "false") {
        return ErrorResponse(code(), "Invalid value in parameter `" + key + "`: could not parse `" +
                                         value + "` as a boolean, expected `true` or `false`");
      }
      body[key] = value == "true";
    } else if (in(kLists)) {
      boost::json::array list;
      const std::optional<std::vector<std::string>> items = QueryList(req, key);
      for (const std::string& item : *items) list.emplace_back(item);
      body[key] = std::move(list);
    } else {
      body[key] = value;
    }
  }
  return boost::json::value(std::move(body));
}

// The search response body (JSON text), or the error response.
using SearchOutcome = std::variant<std::string, Response>;

// What the search routes share: the catalogue, and the word lists of the
// indexes searched lately. Thread safety: as its members.
struct Searchers {
  explicit Searchers(index_mapper::IndexMapper& m) : mapper(m) {}
  index_mapper::IndexMapper& mapper;
  engine::WordListCache word_lists;
};

SearchOutcome RunSearch(Searchers& searchers, std::string_view uid, const SearchRequest& request) {
  return ReadIndexWithUuid(searchers.mapper, uid,
                           [&](const engine::Index& index, const storage::ReadTxn& txn,
                               std::string_view uuid) -> SearchOutcome {
                             auto result =
                                 index.Search(txn, uid, request,
                                              engine::WordListSource{searchers.word_lists, uuid});
                             if (!result.ok()) return StatusResponse(result.status(), "internal");
                             return std::move(result).value();
                           });
}

Response Search(Searchers& searchers, const Request& req, std::string_view uid,
                const boost::json::value& body) {
  auto request = ReadSearchRequest(body, /*in_multi_search=*/false);
  if (auto* error = std::get_if<Response>(&request)) return *error;
  AddTokenFilter(req, uid, std::get<SearchRequest>(request));
  SearchOutcome outcome = RunSearch(searchers, uid, std::get<SearchRequest>(request));
  if (auto* error = std::get_if<Response>(&outcome)) return *error;
  return Response{200, std::move(std::get<std::string>(outcome))};
}

Response MultiSearch(Searchers& searchers, const Request& req) {
  auto parsed = ParseJsonBody(req);
  if (auto* error = std::get_if<Response>(&parsed)) return *error;
  const boost::json::value& body = std::get<boost::json::value>(parsed);
  auto opened = BodyFields::Open(body, {"queries", "federation"}, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const BodyFields& fields = std::get<BodyFields>(opened);
  if (fields.Raw("federation") != nullptr) {
    return ErrorResponse("bad_request", "Federated multi-search is not supported by Myriad yet.");
  }
  const boost::json::value* queries = fields.Raw("queries");
  if (queries == nullptr) return ErrorResponse("bad_request", "Missing field `queries`");
  if (!queries->is_array()) {
    return InvalidFieldType("bad_request", "queries", "an array", *queries);
  }
  // Written as text: each result is a search body, "indexUid" put first.
  std::string out = "{\"results\":[";
  size_t n = 0;
  for (const boost::json::value& query : queries->get_array()) {
    const std::string at = "queries[" + std::to_string(n) + "]";
    if (!query.is_object()) return InvalidFieldType("bad_request", at, "an object", query);
    const boost::json::value* uid = query.get_object().if_contains("indexUid");
    if (uid == nullptr) return ErrorResponse("missing_index_uid", "Missing field `indexUid`");
    if (!uid->is_string()) {
      return InvalidFieldType("invalid_index_uid", at + ".indexUid", "a string", *uid);
    }
    auto request = ReadSearchRequest(query, /*in_multi_search=*/true);
    if (auto* error = std::get_if<Response>(&request)) return *error;
    SearchOutcome one;
    if (!req.MaySee(uid->get_string())) {
      one = ErrorResponse("invalid_api_key", "The provided API key is invalid.");
    } else {
      AddTokenFilter(req, uid->get_string(), std::get<SearchRequest>(request));
      one = RunSearch(searchers, uid->get_string(), std::get<SearchRequest>(request));
    }
    if (Response* failed = std::get_if<Response>(&one)) {
      // Meilisearch names the failing query (the body is our own error object).
      boost::json::object error = boost::json::parse(failed->body).as_object();
      error["message"] = "Inside `.queries[" + std::to_string(n) +
                         "]`: " + std::string(error["message"].as_string());
      failed->body = boost::json::serialize(error);
      return *failed;
    }
    const std::string_view result = std::get<std::string>(one);  // "{...}"
    out += n++ == 0 ? "{\"indexUid\":" : ",{\"indexUid\":";
    out += boost::json::serialize(uid->get_string());
    out += ',';
    out += result.substr(1);
  }
  out += "]}";
  return Response{200, std::move(out)};
}

}  // namespace

void AddSearchRoutes(Router& router, index_mapper::IndexMapper& mapper) {
  auto searchers = std::make_shared<Searchers>(mapper);
  router.Add("POST", "/indexes/{uid}/search", [searchers](const Request& req, const PathParams& p) {
    if (auto invalid = CheckIndexUid(p.Get("uid"))) return *invalid;
    // An empty body is an empty search, as the clients send for a placeholder search.
    if (req.body.empty()) return Search(*searchers, req, p.Get("uid"), boost::json::object());
    auto parsed = ParseJsonBody(req);
    if (auto* error = std::get_if<Response>(&parsed)) return *error;
    return Search(*searchers, req, p.Get("uid"), std::get<boost::json::value>(parsed));
  });
  router.Add("GET", "/indexes/{uid}/search", [searchers](const Request& req, const PathParams& p) {
    if (auto invalid = CheckIndexUid(p.Get("uid"))) return *invalid;
    auto body = QueryToBody(req);
    if (auto* error = std::get_if<Response>(&body)) return *error;
    return Search(*searchers, req, p.Get("uid"), std::get<boost::json::value>(body));
  });
  router.Add("POST", "/multi-search", [searchers](const Request& req, const PathParams&) {
    return MultiSearch(*searchers, req);
  });
}

}  // namespace myriad::http
