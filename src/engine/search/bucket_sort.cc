#include "engine/search/bucket_sort.h"

namespace myriad::engine {

Result<BucketSortResult> BucketSort(const RuleContext& ctx,
                                    const std::vector<std::unique_ptr<RankingRule>>& rules,
                                    const Roaring& candidates, const std::vector<uint16_t>& kept,
                                    const BucketSortOptions& options) {
  BucketSortResult out;
  uint64_t skipped = 0;
  // details[i]: the detail of rule i's current bucket, for the rules above the current one.
  std::vector<ScoreDetail> details;
  auto full = [&] { return out.hits.size() >= options.count; };
  // With a threshold, every candidate is ranked to its last rule, so that the
  // totals and facets leave out all those scoring under it.
  const bool rank_all = options.threshold.has_value();
  const bool may_skip = options.distinct == nullptr && !rank_all;
  // Takes `docs`, ranked alike, in id order.
  auto take = [&](const Roaring& docs) {
    if (full()) return;
    if (may_skip && skipped + docs.cardinality() <= options.from) {
      skipped += docs.cardinality();
      return;
    }
    for (uint32_t id : docs) {
      if (full()) return;
      if (options.distinct != nullptr && !options.distinct->Admit(id)) continue;
      if (skipped < options.from) {
        ++skipped;
        continue;
      }
      out.hits.push_back({id, details});
    }
  };
  if (rules.empty()) {
    take(candidates);
    return out;
  }
  // Without scores to show, a lone document needs no more rules.
  const bool every_rule = options.scores || rank_all;
  std::vector<Roaring> universes(rules.size());
  universes[0] = candidates;
  MYRIAD_RETURN_IF_ERROR(rules[0]->Start(ctx, candidates, kept));
  size_t cur = 0;
  while (!full() || rank_all) {
    if (options.deadline && std::chrono::steady_clock::now() >= *options.deadline) {
      out.degraded = true;
      for (size_t level = cur + 1; level-- > 0 && !full();) {
        details.resize(level);
        details.emplace_back(ScoreDetail::Kind::kSkipped, Rank{});
        take(universes[level]);
      }
      break;
    }
    Roaring& universe = universes[cur];
    if (universe.isEmpty()) {
      if (cur == 0) break;
      details.resize(--cur);
      continue;
    }
    details.resize(cur);
    const uint64_t size = universe.cardinality();
    if ((!every_rule && size <= 1) || (may_skip && skipped + size <= options.from)) {
      take(universe);
      universe = Roaring();
      continue;
    }
    MYRIAD_ASSIGN_OR_RETURN(std::optional<RuleBucket> bucket, rules[cur]->Next(ctx, universe));
    if (!bucket) {  // documents the rule left out rank after its buckets, alike
      take(universe);
      universe = Roaring();
      continue;
    }
    universe -= bucket->docs;
    details.push_back(bucket->detail);
    // The bucket's global score bounds its documents' from above: the rules
    // below only refine it.
    if (options.threshold && GlobalScore(details) < *options.threshold) {
      out.dropped |= bucket->docs;
      continue;
    }
    const uint64_t bucket_size = bucket->docs.cardinality();
    if (cur + 1 == rules.size() || (!every_rule && bucket_size <= 1) ||
        (may_skip && skipped + bucket_size <= options.from)) {
      take(bucket->docs);
      continue;
    }
    ++cur;
    universes[cur] = std::move(bucket->docs);
    MYRIAD_RETURN_IF_ERROR(rules[cur]->Start(ctx, universes[cur], bucket->kept));
  }
  return out;
}

}  // namespace myriad::engine
