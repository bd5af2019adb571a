// UnitCostRule: a ranking rule whose cost is a sum over the kept query units
// (typo, attributeRank, wordPosition), as milli's graph-based rules count it:
// each unit sorts the universe into classes by its own cost, and a bucket
// holds the documents of one total cost, lowest first. Its score detail ranks
// cost c of at most M as (M + 1 - c) out of M + 1.
#pragma once

#include <optional>

#include "engine/search/rules/cost_buckets.h"
#include "engine/search/rules/ranking_rule.h"

namespace myriad::engine {

class UnitCostRule : public RankingRule {
 public:
  Status Start(const RuleContext& ctx, const Roaring& universe,
               const std::vector<uint16_t>& kept) final;
  Result<std::optional<RuleBucket>> Next(const RuleContext& ctx, const Roaring& universe) final;

 protected:
  struct UnitClasses {
    // [c]: documents costing c (they may overlap: the least counts), and
    // documents out of the universe.
    std::vector<Roaring> by_cost;
    uint32_t max_cost = 0;  // what a document in no class costs
  };
  // Classes as bitmaps to unite, read from many words' entries: one union per
  // class at the end costs far less than one per entry.
  class ClassBuilder {
   public:
    explicit ClassBuilder(uint32_t max_cost) : parts_(max_cost + 1) {}
    void Add(uint32_t cost, Roaring docs) { parts_[cost].push_back(std::move(docs)); }
    UnitClasses Build();

   private:
    std::vector<std::vector<Roaring>> parts_;
  };
  UnitCostRule(ScoreDetail::Kind kind, bool legacy_attribute = false)
      : kind_(kind), legacy_attribute_(legacy_attribute) {}
  // Unit `unit`'s classes over `universe`.
  virtual Result<UnitClasses> Classes(const RuleContext& ctx, const Roaring& universe,
                                      uint16_t unit) = 0;

 private:
  ScoreDetail::Kind kind_;
  bool legacy_attribute_;
  std::vector<uint16_t> kept_;
  std::optional<CostBuckets> buckets_;
};

}  // namespace myriad::engine
