#include "engine/search/rules/cost_buckets.h"

namespace myriad::engine {

CostBuckets::CostBuckets(const Roaring& universe, const std::vector<std::vector<Roaring>>& classes,
                         const std::vector<uint32_t>& max_costs) {
  by_cost_.assign(1, universe);
  for (size_t u = 0; u < classes.size(); ++u) {
    const uint32_t unit_max = max_costs[u];
    std::vector<Roaring> unit(unit_max + 1);
    Roaring rest = universe;
    for (size_t c = 0; c < classes[u].size() && c <= unit_max; ++c) {
      unit[c] = classes[u][c] & rest;
      rest -= unit[c];
    }
    unit[unit_max] |= rest;
    std::vector<Roaring> next(by_cost_.size() + unit_max);
    for (size_t s = 0; s < by_cost_.size(); ++s) {
      if (by_cost_[s].isEmpty()) continue;
      for (size_t c = 0; c <= unit_max; ++c) {
        if (!unit[c].isEmpty()) next[s + c] |= by_cost_[s] & unit[c];
      }
    }
    by_cost_ = std::move(next);
    max_cost_ += unit_max;
  }
}

std::optional<std::pair<uint32_t, Roaring>> CostBuckets::Next(const Roaring& universe) {
  while (next_ < by_cost_.size()) {
    const size_t cost = next_++;
    Roaring docs = by_cost_[cost] & universe;
    if (!docs.isEmpty()) return std::make_pair(static_cast<uint32_t>(cost), std::move(docs));
  }
  return std::nullopt;
}

}  // namespace myriad::engine
