// Pagination: the window of hits a request asks for, within the index's
// maxTotalHits, and the response fields of its mode (offset/limit with
// estimatedTotalHits, or page/hitsPerPage with totalHits and totalPages).
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "engine/search/search_request.h"

namespace myriad::engine {

struct PageWindow {
  uint64_t from = 0;
  uint64_t count = 0;
};

PageWindow WindowOf(const SearchRequest& request, uint64_t max_total_hits);

// Adds the pagination fields for `total` matching documents (capped at
// `max_total_hits`) to `response`.
void AddPaginationFields(const SearchRequest& request, uint64_t total, uint64_t max_total_hits,
                         boost::json::object& response);

}  // namespace myriad::engine
