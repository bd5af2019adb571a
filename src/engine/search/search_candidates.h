// The query side of a search, apart from its ranking: a request's `q` resolved
// against one index with the index's settings, and every document the search
// matches on any page. Search ranks what ResolveSearchQuery finds; facet search
// counts facet values over SearchCandidates.
//
// Thread safety: pure functions of their arguments (the transaction's thread
// rules apply).
#pragma once

#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/field_ids.h"
#include "engine/search/query_matcher.h"
#include "engine/search/search.h"
#include "engine/search/search_request.h"
#include "util/result.h"

namespace myriad::engine {

// The query units of `q` (stop words dropped, prefix search as the settings
// say) resolved with the index's typo tolerance and single-word synonyms, in
// the fields `search_on` (attributesToSearchOn) and disableOnAttributes allow;
// a phrase unit keeps only the documents of `universe` where its words follow
// each other. Request errors: invalid_search_attributes_to_search_on.
Result<ResolvedQuery> ResolveSearchQuery(const storage::Txn& txn, const IndexView& index,
                                         const FieldIds& fields, std::string_view q,
                                         const std::optional<std::vector<std::string>>& search_on,
                                         const Roaring& universe);

// The documents of `universe` that match `query` under `strategy`, whatever
// their words bucket (every document of a placeholder search).
Roaring MatchingDocuments(const ResolvedQuery& query, Roaring universe, MatchingStrategy strategy);

// The documents a search with `request`'s q, filter and matchingStrategy
// matches, every words bucket included (its other fields are ignored). Request
// errors: the filter's, under `filter_error_code` (e.g. invalid_search_filter).
Result<Roaring> SearchCandidates(const storage::Txn& txn, const IndexView& index,
                                 const SearchRequest& request, std::string_view filter_error_code);

}  // namespace myriad::engine
