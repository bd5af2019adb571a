// Hits: the ranked documents as the `hits` array of Meilisearch's search
// response — displayed and retrieved attributes, _formatted (highlight, crop),
// _matchesPosition, _rankingScore and _rankingScoreDetails.
//
// Thread safety: pure function of its arguments (the transaction's rules apply).
#pragma once

#include <string>
#include <vector>

#include "engine/search/bucket_sort.h"
#include "engine/search/query_matcher.h"
#include "engine/search/search.h"
#include "engine/search/search_request.h"
#include "util/result.h"

namespace myriad::engine {

// The JSON text of the hits array for `hits`, in order.
Result<std::string> HitsJson(const storage::Txn& txn, const IndexView& index,
                             const SearchRequest& request, const ResolvedQuery& query,
                             const std::vector<SortedHit>& hits);

}  // namespace myriad::engine
