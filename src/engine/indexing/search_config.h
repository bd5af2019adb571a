// SearchConfig: what indexing and search need from an index's settings, in the
// form they use it (the settings object itself is settings/index_settings.h).
//
// Thread safety: a value; const methods are safe from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/indexing/text/tokenizer_options.h"

namespace myriad::engine {

struct SearchConfig {
  // searchableAttributes; empty means "*" (every field, ranked by field id).
  std::vector<std::string> searchable;
  // Attributes whose values go to the facet databases: filterable, sortable and
  // the distinct attribute.
  std::vector<std::string> facet_attributes;
  // Normalized stop words: not indexed, not searched (their position is kept).
  std::unordered_set<std::string> stop_words;
  text::TokenizerOptions tokenizer;

  // The attribute rank of a field path (its place in searchableAttributes, or
  // `fid` under "*"), or nullopt when it is not searchable.
  std::optional<uint32_t> SearchableRank(std::string_view path, uint16_t fid) const;
  bool IsFacet(std::string_view path) const;
};

}  // namespace myriad::engine
