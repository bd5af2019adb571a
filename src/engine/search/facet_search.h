// SearchFacetValues: Meilisearch's facet search (POST /indexes/{uid}/facet-search,
// milli `search/facet/search.rs`): the string values of one facet that match a
// facet query, each with the number of documents holding it among those a
// search would match.
//
// Matching, as milli does it: the query and each value are normalized as
// search words are (text::NormalizeWord: lower case, marks removed), then the
// query must be within the typo budget of some prefix of the value: 0, 1 or 2
// typos by the query's length in bytes under typoTolerance.minWordSizeForTypos
// (optimal-string-alignment distance over characters; no extra cost for a
// first-letter typo, numbers not exempted). A query listed in disableOnWords
// matches only the value equal to it; with typos disabled, or the facet in
// disableOnAttributes, the query is a plain prefix. No query: every value.
// Numbers are never facet-searched (only strings and booleans are).
//
// Order and limit (faceting.maxValuesPerFacet): sortFacetValuesBy `alpha`
// keeps the first values in normalized order; `count` keeps the values with
// the highest counts and lists them by count then original spelling, both
// descending, as milli's heap does.
//
// Thread safety: pure function of its arguments (one transaction, one thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/index.h"
#include "engine/search/facet/facet_distribution.h"
#include "engine/search/search.h"
#include "engine/search/search_request.h"
#include "util/result.h"

namespace myriad::engine {

struct FacetSearchRequest {
  std::string facet_name;
  // nullopt: every value of the facet.
  std::optional<std::string> facet_query;
  // The documents whose values are counted: its q, filter and matchingStrategy
  // (the other fields are ignored).
  SearchRequest search;
};

// The matching values with their counts (zero counts left out), each shown in
// the first original spelling indexed. Request errors: facet_search_disabled
// (the index's facetSearch setting), invalid_facet_search_facet_name (the
// facet is not filterable, or its filterableAttributes rule does not enable
// facetSearch), invalid_search_filter.
Result<std::vector<facet::FacetCount>> SearchFacetValues(const storage::Txn& txn,
                                                         const IndexView& index,
                                                         const FacetSearchRequest& request);

// The same over `index`, with its stored settings.
Result<std::vector<facet::FacetCount>> SearchFacetValues(const storage::Txn& txn,
                                                         const Index& index, std::string_view uid,
                                                         const FacetSearchRequest& request);

}  // namespace myriad::engine
