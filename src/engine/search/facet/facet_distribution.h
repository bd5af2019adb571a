// facetDistribution and facetStats of one field over a candidate set, as
// Meilisearch computes them (milli `search/facet/facet_distribution.rs`).
//
// Thread safety: as the transaction (one thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <vector>

#include "engine/indexing/facet/facet_dbs.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::facet {

// maxValuesPerFacet's default.
inline constexpr std::size_t kDefaultMaxValuesPerFacet = 100;

struct FacetCount {
  std::string value;  // the original spelling of a string, a number's JSON text
  uint64_t count = 0;
};

// The field's values among `candidates`, with |docs of value ∩ candidates|,
// zero counts skipped, at most `max_values` entries: numbers first, then
// strings (and bools, which are the strings "true" / "false").
// Alphabetical order (`sortFacetValuesBy: alpha`): numbers in the order of
// their text ("10" < "9") when there are at most 3000 candidates, numeric
// order otherwise, as milli's two paths do; strings in normalized order.
// Count order: numbers by count desc, then strings by count desc; equal
// counts in decreasing value order, as milli's heap pops them.
// A string whose text equals a number's takes over that entry's count, as
// milli's IndexMap insert does.
Result<std::vector<FacetCount>> FacetDistribution(const storage::Txn& txn, const FacetDbs& dbs,
                                                  uint16_t fid, const Roaring& candidates,
                                                  std::size_t max_values, bool sort_by_count);

struct FacetMinMax {
  double min = 0;
  double max = 0;
};

// The least and greatest numbers of the field held by a candidate; nullopt
// when no candidate holds a number there.
Result<std::optional<FacetMinMax>> FacetStats(const storage::Txn& txn, const FacetDbs& dbs,
                                              uint16_t fid, const Roaring& candidates);

}  // namespace myriad::facet
