// CostBuckets: the buckets of a rule whose cost is a sum over query units
// (typo, attributeRank, wordPosition, exactness's word count): each unit sorts
// the universe into disjoint classes by its own cost, and a document's cost is
// the sum of its classes'. Buckets come in increasing total cost.
//
// Thread safety: one search, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <utility>
#include <vector>

namespace myriad::engine {

class CostBuckets {
 public:
  // `classes[u][c]`: the documents of `universe` that cost c for unit u; a
  // document in none of unit u's classes costs `max_costs[u]`.
  CostBuckets(const Roaring& universe, const std::vector<std::vector<Roaring>>& classes,
              const std::vector<uint32_t>& max_costs);

  // The next non-empty bucket within `universe`, and its total cost.
  std::optional<std::pair<uint32_t, Roaring>> Next(const Roaring& universe);

  // The highest total cost.
  uint32_t max_cost() const { return max_cost_; }

 private:
  std::vector<Roaring> by_cost_;
  size_t next_ = 0;
  uint32_t max_cost_ = 0;
};

}  // namespace myriad::engine
