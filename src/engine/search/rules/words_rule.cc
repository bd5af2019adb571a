#include "engine/search/rules/words_rule.h"

#include <algorithm>

namespace myriad::engine {

Status WordsRule::Start(const RuleContext& ctx, const Roaring& universe,
                        const std::vector<uint16_t>& kept) {
  order_ = kept;
  if (strategy_ == MatchingStrategy::kFrequency) {
    std::stable_sort(order_.begin(), order_.end(), [&](uint16_t a, uint16_t b) {
      return ctx.query.units[a].docs.cardinality() < ctx.query.units[b].docs.cardinality();
    });
  }
  const size_t n = order_.size();
  matching_all_.assign(n + 1, Roaring());
  matching_all_[0] = universe;
  for (size_t k = 1; k <= n; ++k) {
    matching_all_[k] = matching_all_[k - 1] & ctx.query.units[order_[k - 1]].docs;
  }
  next_ = static_cast<int64_t>(n);
  min_matching_ = strategy_ == MatchingStrategy::kAll ? next_ : std::min<int64_t>(next_, 1);
  return Status::Ok();
}

Result<std::optional<RuleBucket>> WordsRule::Next(const RuleContext&, const Roaring& universe) {
  while (next_ >= min_matching_) {
    const auto k = static_cast<size_t>(next_--);
    Roaring docs = matching_all_[k] & universe;
    if (docs.isEmpty()) continue;
    RuleBucket bucket;
    bucket.docs = std::move(docs);
    bucket.kept.assign(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(k));
    std::sort(bucket.kept.begin(), bucket.kept.end());
    const auto n = static_cast<uint32_t>(order_.size());
    bucket.detail = ScoreDetail(ScoreDetail::Kind::kWords, {static_cast<uint32_t>(k), n});
    bucket.detail.count = static_cast<uint32_t>(k);
    bucket.detail.max_count = n;
    return std::optional<RuleBucket>(std::move(bucket));
  }
  return std::optional<RuleBucket>();
}

}  // namespace myriad::engine
