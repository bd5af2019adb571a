// The search parameters that choose which documents match — q, filter,
// matchingStrategy, attributesToSearchOn — read from a request body as the
// search route reads them (codes invalid_search_*), for the routes that take
// them: search, multi-search, facet search.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string_view>

#include "engine/search/search_request.h"
#include "http/body_fields.h"
#include "http/request.h"

namespace myriad::http {

// Sets `r.q`, `r.filter`, `r.matching_strategy` and `r.attributes_to_search_on`
// from `fields`; returns the error response for a wrong type or value.
std::optional<Response> ReadMatchParams(const BodyFields& fields, engine::SearchRequest& r);

// ANDs the tenant token's filter for index `uid` (req.access), if any, with
// the request's, as Meilisearch's fuse_filters: each side's array form
// concatenated.
void AddTokenFilter(const Request& req, std::string_view uid, engine::SearchRequest& search);

}  // namespace myriad::http
