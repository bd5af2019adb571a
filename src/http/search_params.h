// The search parameters that choose which documents match — q, filter,
// matchingStrategy, attributesToSearchOn — read from a request body as the
// search route reads them (codes invalid_search_*), for the routes that take
// them: search, multi-search, facet search.
//
// Thread safety: pure function.
#pragma once

#include <optional>

#include "engine/search_request.h"
#include "http/body_fields.h"
#include "http/request.h"

namespace myriad::http {

// Sets `r.q`, `r.filter` and `r.matching_strategy` from `fields`; returns the
// error response for a wrong type or value. `attributesToSearchOn` other than
// null is refused (invalid_search_attributes_to_search_on): ignoring it would
// count matches in other fields.
std::optional<Response> ReadMatchParams(const BodyFields& fields, engine::SearchRequest& r);

}  // namespace myriad::http
