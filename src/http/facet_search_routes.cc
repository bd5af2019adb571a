// POST /indexes/{uid}/facet-search: Meilisearch's facet search route
// (meilisearch `routes/indexes/facet_search.rs`), over engine/facet_search.h.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <string>
#include <variant>

#include "engine/search/facet_search.h"
#include "http/body_fields.h"
#include "http/index_lookup.h"
#include "http/index_read.h"
#include "http/json_body.h"
#include "http/search_params.h"
#include "http/search_routes.h"

namespace myriad::http {
namespace {

// The fields read; Meilisearch's body type does not deny unknown fields (so
// that any search parameter may be sent), and those not listed here (vector,
// hybrid, media, rankingScoreThreshold, useNetwork, ...) are ignored.
constexpr std::string_view kFacetSearchFields[] = {"facetName",
                                                   "facetQuery",
                                                   "q",
                                                   "filter",
                                                   "matchingStrategy",
                                                   "attributesToSearchOn",
                                                   "exhaustiveFacetCount",
                                                   "locales"};

std::variant<engine::FacetSearchRequest, Response> ReadFacetSearchRequest(
    const boost::json::value& body) {
  // Only the known fields are kept, so that BodyFields refuses none.
  boost::json::value known = body;
  if (known.is_object()) {
    boost::json::object kept;
    for (std::string_view name : kFacetSearchFields) {
      if (const boost::json::value* v = body.get_object().if_contains(name)) kept[name] = *v;
    }
    known = std::move(kept);
  }
  auto opened = BodyFields::Open(known, kFacetSearchFields, "bad_request");
  if (auto* error = std::get_if<Response>(&opened)) return *error;
  const BodyFields& f = std::get<BodyFields>(opened);
  engine::FacetSearchRequest r;
  std::optional<std::string> name;
  if (auto e = f.String("facetName", "invalid_facet_search_facet_name", name)) return *e;
  if (!name) return ErrorResponse("missing_facet_search_facet_name", "Missing field `facetName`");
  r.facet_name = std::move(*name);
  // Meilisearch's code for this field is InvalidFacetSearchQuery's.
  if (auto e = f.String("facetQuery", "invalid_facet_search_query", r.facet_query)) return *e;
  if (auto e = ReadMatchParams(f, r.search)) return *e;
  std::optional<bool> exhaustive;  // counts are always exhaustive here
  if (auto e = f.Bool("exhaustiveFacetCount", "invalid_facet_search_exhaustive_facet_count",
                      exhaustive)) {
    return *e;
  }
  std::optional<std::vector<std::string>> locales;  // facet values are not localized
  if (auto e = f.StringList("locales", "invalid_search_locales", locales)) return *e;
  return r;
}

Response FacetSearch(index_mapper::IndexMapper& mapper, std::string_view uid,
                     const engine::FacetSearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  return ReadIndex(
      mapper, uid, [&](const engine::Index& index, const storage::ReadTxn& txn) -> Response {
        auto hits = engine::SearchFacetValues(txn, index, uid, request);
        if (!hits.ok()) return StatusResponse(hits.status(), "internal");
        boost::json::array facet_hits;
        for (const auto& hit : *hits) {
          facet_hits.push_back(boost::json::object{{"value", hit.value}, {"count", hit.count}});
        }
        boost::json::object out;
        out["facetHits"] = std::move(facet_hits);
        out["facetQuery"] = request.facet_query ? boost::json::value(*request.facet_query)
                                                : boost::json::value(nullptr);
        out["processingTimeMs"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count();
        return Ok(out);
      });
}

}  // namespace

void AddFacetSearchRoutes(Router& router, index_mapper::IndexMapper& mapper) {
  router.Add("POST", "/indexes/{uid}/facet-search",
             [&mapper](const Request& req, const PathParams& p) {
               if (auto invalid = CheckIndexUid(p.Get("uid"))) return *invalid;
               auto parsed = ParseJsonBody(req);
               if (auto* error = std::get_if<Response>(&parsed)) return *error;
               auto request = ReadFacetSearchRequest(std::get<boost::json::value>(parsed));
               if (auto* error = std::get_if<Response>(&request)) return *error;
               auto& facet_request = std::get<engine::FacetSearchRequest>(request);
               AddTokenFilter(req, p.Get("uid"),
                              facet_request.search);  // as a search, the token's rule holds
               return FacetSearch(mapper, p.Get("uid"), facet_request);
             });
}

}  // namespace myriad::http
