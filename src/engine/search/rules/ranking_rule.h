// RankingRule: one of an index's ranking rules, as milli's bucket sort drives
// it (bucket_sort.h). Given a universe of documents that all match the query
// units `kept`, a rule hands out that universe's documents as buckets, best
// first; the rule after it then orders each bucket in turn.
//
// Thread safety: a rule object serves one search on one thread.
// Ownership: a rule borrows the RuleContext, which outlives it.
#pragma once

#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <string_view>
#include <vector>

#include "engine/indexing/index_dbs.h"
#include "engine/search/query_matcher.h"
#include "engine/search/score_details.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::engine {

// What every rule of one search reads. Borrowed; outlives the rules.
struct RuleContext {
  const storage::Txn& txn;
  const SearchDbs& dbs;
  const ResolvedQuery& query;
  // By field id: the field's weight (its place in searchableAttributes; lower
  // is better), UINT32_MAX when not searchable.
  const std::vector<uint32_t>& field_weights;
  // The highest weight of a searchable field.
  uint32_t max_weight = 0;
  // The index holds sdbs::kPrefixFieldDocids and kPrefixPositionDocids.
  bool prefix_dbs = false;
};

// The unit's word, when the prefix databases hold its completions together
// (a prefix unit of at most sdbs::kMaxIndexedPrefixChars characters): its
// DerivedWord::completion words are read there at once, the others one by one.
std::optional<std::string_view> IndexedPrefix(const RuleContext& ctx, uint16_t unit);

struct RuleBucket {
  Roaring docs;
  // The units the bucket's documents all match, in query order: the words
  // rule narrows them, every other rule passes its own on.
  std::vector<uint16_t> kept;
  ScoreDetail detail;
};

class RankingRule {
 public:
  virtual ~RankingRule() = default;

  // Begins ordering `universe`, whose documents all match the units `kept`.
  virtual Status Start(const RuleContext& ctx, const Roaring& universe,
                       const std::vector<uint16_t>& kept) = 0;

  // The best bucket of `universe` — what is left of Start's universe after the
  // buckets already handed out, and any documents the search dropped — or
  // nullopt when none is left. Every document of `universe` is in some bucket.
  virtual Result<std::optional<RuleBucket>> Next(const RuleContext& ctx,
                                                 const Roaring& universe) = 0;
};

}  // namespace myriad::engine
