// BucketSplitter: splits one bucket of the words rule into ordered parts by the
// leading ranking rules that bitmaps decide, so that the search measures
// documents one by one (through their forward index) only in the parts its page
// reaches. A bucket of 20,000 documents holding a common word is mostly left
// unread: the few hundred that hold it in the first searchable field come first.
//
// Rules decided on bitmaps, while they lead the rule list:
// - typo: the units' typo classes (ResolvedUnit::docs_by_typos), summed;
// - proximity, for a bucket of one unit (every document scores 0);
// - attributeRank, and attribute's field part (then splitting stops): the best
//   field rank of the units' words (sdbs::kWordFieldDocids), when no kept unit
//   is a phrase and the index's per-field bitmaps are complete.
// Any other rule stops the splitting. A part's documents all have the same
// values for the rules split on, and the parts come in the order of those
// values, so sorting each part by every rule gives the bucket's order.
//
// Thread safety: one search, one thread.
// Ownership: borrows the transaction, the databases and the query, which must
// outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <roaring/roaring.hh>
#include <vector>

#include "engine/indexing/search_index_writer.h"
#include "engine/schema/index_settings.h"
#include "engine/search/query_matcher.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::engine {

class BucketSplitter {
 public:
  // `field_rank[fid]`: the field's rank among the searchable attributes
  // (UINT32_MAX when not searchable).
  BucketSplitter(const storage::Txn& txn, const SearchDbs& dbs, const ResolvedQuery& query,
                 const std::vector<uint32_t>& field_rank)
      : txn_(txn), dbs_(dbs), query_(query), field_rank_(field_rank) {}

  // The parts of `bucket`, whose documents match the units `kept`, in rank
  // order under `rules` (the rules after `words`, in order). `*split_on`, when
  // not null, receives how many leading `rules` the parts were split on: a
  // part's documents share their values for those (for `attribute`, its
  // field part only; it is then the last).
  Result<std::vector<Roaring>> Split(const Roaring& bucket, const std::vector<uint16_t>& kept,
                                     const std::vector<settings::RankingRule::Kind>& rules,
                                     size_t* split_on = nullptr);

 private:
  using RankDocs = std::map<uint32_t, Roaring>;  // field rank -> documents
  // Unit `u`'s documents by the rank of the fields its words are in (a
  // document is in every rank it has a word in); read once per unit.
  Result<const RankDocs*> UnitRankDocs(uint16_t u);
  Result<bool> FieldBitmapsComplete();

  const storage::Txn& txn_;
  const SearchDbs& dbs_;
  const ResolvedQuery& query_;
  const std::vector<uint32_t>& field_rank_;
  std::map<uint16_t, RankDocs> rank_docs_;
  std::optional<bool> complete_;
};

}  // namespace myriad::engine
