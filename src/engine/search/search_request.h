// SearchRequest: one search, as the HTTP layer parsed it from Meilisearch's
// search parameters (validation of shapes and types is done there; what needs
// the index — filterable attributes, sortable fields — is checked by Search).
//
// Thread safety: a value.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/search/format/format_options.h"

namespace myriad::engine {

enum class MatchingStrategy { kLast, kAll, kFrequency };

struct SearchRequest {
  // nullopt or empty: placeholder search (every document).
  std::optional<std::string> q;
  uint64_t offset = 0;
  uint64_t limit = 20;
  // Either set: page mode (hitsPerPage, page, totalPages, totalHits).
  std::optional<uint64_t> page;
  std::optional<uint64_t> hits_per_page;
  // A filter string or array, as sent; null/absent: none.
  boost::json::value filter;
  // "field:asc" / "field:desc".
  std::vector<std::string> sort;
  std::optional<std::vector<std::string>> facets;
  MatchingStrategy matching_strategy = MatchingStrategy::kLast;
  std::optional<std::vector<std::string>> attributes_to_retrieve;
  std::optional<std::vector<std::string>> attributes_to_search_on;
  format::FormatOptions format;
  bool show_ranking_score = false;
  std::optional<double> ranking_score_threshold;
  std::optional<std::string> distinct;
  // Not a Meilisearch parameter: words buckets larger than this are split on
  // bitmaps before documents are measured (bucket_splitter.h). Tests set it to
  // the maximum to compare against measuring every document.
  uint64_t split_buckets_above = 64;
};

}  // namespace myriad::engine
