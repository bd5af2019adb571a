// DocFeatures: what the ranking rules measure on one document, read from its
// forward index (sdbs::kDocWords) against a resolved query.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/search/query_matcher.h"
#include "util/result.h"

namespace myriad::engine {

// Proximity cost between two units that never appear close (or only in
// different fields), as Meilisearch caps it.
inline constexpr uint32_t kMaxProximity = 8;

struct DocFeatures {
  // Bit u set: unit u matches (a phrase: its words appear in a row).
  uint32_t matched = 0;
  // Per unit: fewest typos among its matching words (meaningful when matched).
  std::vector<uint8_t> typos;
  // Per unit: matched by an exact word (no typo, not a prefix).
  std::vector<bool> exact;
  // Per unit: sorted Positions (sdbs) of its matches (phrases: of their first word).
  std::vector<std::vector<uint32_t>> positions;

  // Scratch space, kept so that measuring many documents allocates once.
  std::vector<std::vector<std::vector<uint32_t>>> phrase_words;
  std::vector<uint32_t> scratch;
  std::vector<uint32_t> scoped;  // a word's positions in the fields the query's scope allows
};

// Reads `forward_index` (a kDocWords value) into `*features`, whose buffers it
// reuses. Words after `last_word_id` are not read: a unit's features are
// complete when the document holds none of its words with a greater id.
// kCorruption when the index is malformed (in the part read).
Status ComputeFeatures(std::string_view forward_index, const ResolvedQuery& query,
                       DocFeatures* features, uint32_t last_word_id = UINT32_MAX);

// For each document of `docs`, which all match every unit of `units`: the
// greatest id among those units' derived words that the document holds, as
// ComputeFeatures's `last_word_id` for them. Indexed by document id; a
// document out of range or holding none has UINT32_MAX. Empty when a unit is
// a phrase (its words are not derived words).
std::vector<uint32_t> LastWordIds(const ResolvedQuery& query, const Roaring& docs,
                                  const std::vector<uint16_t>& units);

// Sum over consecutive units of `units` (indices into the query, in query
// order) of their closest distance: b after a costs b-a, b before a costs a-b+1,
// capped at kMaxProximity (also when they share no field).
uint32_t Proximity(const DocFeatures& features, const std::vector<uint16_t>& units);

}  // namespace myriad::engine
