#include "engine/search/rules/sort_rule.h"

#include "engine/search/facet/facet_sort.h"

namespace myriad::engine {

Status SortRule::Start(const RuleContext& ctx, const Roaring& universe,
                       const std::vector<uint16_t>& kept) {
  kept_ = kept;
  buckets_.clear();
  if (!fid_) {
    buckets_.push_back(universe);
    return Status::Ok();
  }
  return facet::ForEachSortBucket(ctx.txn, ctx.dbs.facets, *fid_, field_.ascending, universe,
                                  [&](const Roaring& bucket) {
                                    buckets_.push_back(bucket);
                                    return true;
                                  });
}

Result<std::optional<RuleBucket>> SortRule::Next(const RuleContext&, const Roaring& universe) {
  while (!buckets_.empty()) {
    Roaring docs = std::move(buckets_.front()) & universe;
    buckets_.pop_front();
    if (docs.isEmpty()) continue;
    RuleBucket bucket{std::move(docs), kept_, {}};
    bucket.detail = ScoreDetail(ScoreDetail::Kind::kSort, {});
    bucket.detail.sort_key = field_.field + (field_.ascending ? ":asc" : ":desc");
    return std::optional<RuleBucket>(std::move(bucket));
  }
  return std::optional<RuleBucket>();
}

}  // namespace myriad::engine
