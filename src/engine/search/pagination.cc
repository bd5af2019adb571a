#include "engine/search/pagination.h"

#include <algorithm>

namespace myriad::engine {
namespace {

bool PageMode(const SearchRequest& r) { return r.page.has_value() || r.hits_per_page.has_value(); }

}  // namespace

PageWindow WindowOf(const SearchRequest& request, uint64_t max_total) {
  const uint64_t hits_per_page = request.hits_per_page.value_or(20);
  const uint64_t page = request.page.value_or(1);
  uint64_t from = request.offset;
  uint64_t count = request.limit;
  if (PageMode(request)) {
    from = page == 0 || hits_per_page == 0 || page - 1 > max_total / hits_per_page
               ? max_total
               : (page - 1) * hits_per_page;
    count = page == 0 ? 0 : hits_per_page;
  }
  from = std::min(from, max_total);
  return {from, std::min(count, max_total - from)};
}

void AddPaginationFields(const SearchRequest& request, uint64_t total, uint64_t max_total,
                         boost::json::object& response) {
  const uint64_t total_hits = std::min(total, max_total);
  if (PageMode(request)) {
    const uint64_t hits_per_page = request.hits_per_page.value_or(20);
    response["hitsPerPage"] = hits_per_page;
    response["page"] = request.page.value_or(1);
    response["totalPages"] =
        hits_per_page == 0 ? 0 : total_hits / hits_per_page + (total_hits % hits_per_page != 0);
    response["totalHits"] = total_hits;
  } else {
    response["limit"] = request.limit;
    response["offset"] = request.offset;
    response["estimatedTotalHits"] = total_hits;
  }
}

}  // namespace myriad::engine
