// BucketSort: milli's bucket sort. The first ranking rule splits the
// candidates into buckets, best first; each bucket is handed to the next rule,
// which splits it again, down to the last rule, whose buckets are hits in id
// order (insertion order breaks ties). Only the buckets the requested page
// reaches are ever split: a bucket wholly before the page is counted, and one
// document needs no more rules (unless its scores are shown).
//
// Thread safety: one search, one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <roaring/roaring.hh>
#include <vector>

#include "engine/search/distinct.h"
#include "engine/search/rules/ranking_rule.h"
#include "engine/search/score_details.h"

namespace myriad::engine {

struct BucketSortOptions {
  uint64_t from = 0;
  uint64_t count = 20;
  // Every hit goes through every rule, for its score and details.
  bool scores = false;
  // rankingScoreThreshold: buckets scoring less are no hits at all.
  std::optional<double> threshold;
  // searchCutoffMs: past it, the page is filled in the order reached so far,
  // the rest of each hit's rules marked skipped.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // One hit per distinct value, when set.
  Distinct* distinct = nullptr;
};

struct SortedHit {
  uint32_t id;
  std::vector<ScoreDetail> details;  // rule order; complete when `scores` was asked
};

struct BucketSortResult {
  std::vector<SortedHit> hits;
  // The candidates the threshold dropped (not counted in the totals).
  Roaring dropped;
  // The deadline passed before the page was ranked.
  bool degraded = false;
};

// Ranks `candidates`, which all match the units `kept`, by `rules` and takes
// the hits [from, from + count).
Result<BucketSortResult> BucketSort(const RuleContext& ctx,
                                    const std::vector<std::unique_ptr<RankingRule>>& rules,
                                    const Roaring& candidates, const std::vector<uint16_t>& kept,
                                    const BucketSortOptions& options);

}  // namespace myriad::engine
