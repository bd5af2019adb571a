#include "engine/search/bucket_splitter.h"

#include <algorithm>

#include "engine/indexing/index_dbs.h"
#include "engine/search/word_fields.h"
#include "storage/cursor.h"

namespace myriad::engine {
namespace {

using Kind = settings::RankingRule::Kind;

// Each part split by the typos its documents' kept units sum to, fewest first.
std::vector<Roaring> SplitByTypos(const std::vector<Roaring>& parts, const ResolvedQuery& query,
                                  const std::vector<uint16_t>& kept) {
  std::vector<Roaring> out;
  for (const Roaring& part : parts) {
    // by_sum[s]: documents of `part` whose units so far sum to s typos.
    std::vector<Roaring> by_sum{part};
    for (uint16_t u : kept) {
      const auto& classes = query.units[u].docs_by_typos;
      std::vector<Roaring> next(by_sum.size() + classes.size() - 1);
      for (size_t s = 0; s < by_sum.size(); ++s) {
        for (size_t t = 0; t < classes.size(); ++t) next[s + t] |= by_sum[s] & classes[t];
      }
      by_sum = std::move(next);
    }
    for (Roaring& docs : by_sum) {
      if (!docs.isEmpty()) out.push_back(std::move(docs));
    }
  }
  return out;
}

}  // namespace

Result<bool> BucketSplitter::FieldBitmapsComplete() {
  if (!complete_) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> flag,
                            txn_.Get(dbs_.main, sdbs::kMainWordFieldComplete));
    complete_ = flag.has_value();
  }
  return *complete_;
}

Result<const BucketSplitter::RankDocs*> BucketSplitter::UnitRankDocs(uint16_t u) {
  if (auto it = rank_docs_.find(u); it != rank_docs_.end()) return &it->second;
  std::vector<Roaring> owned;
  std::map<uint32_t, std::vector<size_t>> by_rank;  // rank -> indices into owned
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(txn_, dbs_.word_field_docids));
  for (const DerivedWord& word : query_.units[u].derived) {
    MYRIAD_RETURN_IF_ERROR(ForEachWordField(cursor, word.id, [&](uint16_t fid, Roaring docs) {
      if (!query_.scope.Allows(fid, word.typos)) return Status::Ok();
      by_rank[fid < field_rank_.size() ? field_rank_[fid] : UINT32_MAX].push_back(owned.size());
      owned.push_back(std::move(docs));
      return Status::Ok();
    }));
  }
  RankDocs& ranks = rank_docs_[u];
  std::vector<const Roaring*> bitmaps;
  for (const auto& [rank, indices] : by_rank) {
    bitmaps.clear();
    for (size_t i : indices) bitmaps.push_back(&owned[i]);
    ranks[rank] = Roaring::fastunion(bitmaps.size(), bitmaps.data());
  }
  return &ranks;
}

Result<std::vector<Roaring>> BucketSplitter::Split(const Roaring& bucket,
                                                   const std::vector<uint16_t>& kept,
                                                   const std::vector<Kind>& rules,
                                                   size_t* split_on) {
  std::vector<Roaring> parts{bucket};
  size_t split = 0;
  for (Kind rule : rules) {
    if (rule == Kind::kTypo) {
      parts = SplitByTypos(parts, query_, kept);
      ++split;
      continue;
    }
    if (rule == Kind::kProximity && kept.size() <= 1) {
      ++split;
      continue;
    }
    if (rule != Kind::kAttributeRank && rule != Kind::kAttribute) break;
    const bool phrase = std::any_of(kept.begin(), kept.end(),
                                    [&](uint16_t u) { return query_.units[u].unit.phrase; });
    MYRIAD_ASSIGN_OR_RETURN(bool complete, FieldBitmapsComplete());
    if (phrase || kept.empty() || !complete) break;
    // Every kept unit's documents by rank, merged: a document's rank is its best.
    RankDocs merged;
    for (uint16_t u : kept) {
      MYRIAD_ASSIGN_OR_RETURN(const RankDocs* ranks, UnitRankDocs(u));
      for (const auto& [rank, docs] : *ranks) merged[rank] |= docs;
    }
    std::vector<Roaring> split_parts;
    for (const Roaring& part : parts) {
      Roaring rest = part;
      for (const auto& [rank, docs] : merged) {
        Roaring at = rest & docs;
        if (at.isEmpty()) continue;
        rest -= at;
        split_parts.push_back(std::move(at));
      }
      if (!rest.isEmpty()) split_parts.push_back(std::move(rest));
    }
    parts = std::move(split_parts);
    ++split;
    if (rule == Kind::kAttribute) break;  // its position part is measured per document
  }
  if (split_on != nullptr) *split_on = split;
  return parts;
}

}  // namespace myriad::engine
