// The `exactness` rule, milli's ExactAttribute then ExactWords: first the
// documents with a field that is exactly the kept units, in query order
// (exactMatch), then those with a field that starts with them (matchesStart),
// then the rest; inside each class, the documents matching more units by the
// query's own word (no typo, no completion) first.
//
// Beyond milli (README, "Relevance"): after each of exactMatch and
// matchesStart comes the same class reached through the units' derived words
// (typos corrected, the last word completed), so that `postgre` and
// `posctgresql` rank the package `postgresql` as `postgresql` does; a field
// that is the query completed comes by the length of the last unit's word,
// shortest first (`mut`: `mutt` before `mutter`).
//
// Only kept units that follow each other in the query, none a phrase, and at
// most 16 of them (the positions word_position_docids holds exactly) can match
// a field's start; otherwise every document is in the last class.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "engine/search/rules/cost_buckets.h"
#include "engine/search/rules/ranking_rule.h"

namespace myriad::engine {

class ExactnessRule : public RankingRule {
 public:
  Status Start(const RuleContext& ctx, const Roaring& universe,
               const std::vector<uint16_t>& kept) override;
  Result<std::optional<RuleBucket>> Next(const RuleContext& ctx, const Roaring& universe) override;

 private:
  // Whether the i-th kept unit may match through `word`.
  using WordFilter = std::function<bool(size_t i, const DerivedWord& word)>;
  // The documents of `universe` with a field that is exactly the kept units
  // (first) or starts with them (second), through the words `use` allows
  // (`all_words`: it allows every word, and an indexed prefix is read at once).
  Result<std::pair<Roaring, Roaring>> FieldMatches(const RuleContext& ctx, const Roaring& universe,
                                                   const WordFilter& use, bool all_words) const;
  // Fills classes_ for `universe`, when the kept units can match a field's start.
  Status Classify(const RuleContext& ctx, const Roaring& universe);

  std::vector<uint16_t> kept_;
  // Disjoint, best first.
  std::vector<std::pair<ExactMatch, Roaring>> classes_;
  size_t class_ = 0;
  std::optional<CostBuckets> words_;              // ExactWords within classes_[class_]
  std::vector<std::vector<Roaring>> exact_docs_;  // [unit][0]: its exact word's documents
};

}  // namespace myriad::engine
