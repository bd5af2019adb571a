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
  bool show_ranking_score_details = false;
  // performanceDetails in the response: how long each step took.
  bool show_performance_details = false;
  std::optional<double> ranking_score_threshold;
  std::optional<std::string> distinct;
};

}  // namespace myriad::engine
