#include "engine/search/rules/proximity_rule.h"

#include "engine/documents/document_dbs.h"

namespace myriad::engine {
namespace {

// Universes of at least this many documents are measured with LastWordIds: in
// smaller ones its bitmap work on every derived word costs about what it saves.
constexpr uint64_t kLastWordIdsFrom = 512;
// Documents come in increasing id order: the next one is usually a few
// entries ahead of the cursor, reached by stepping; further, a seek is cheaper.
constexpr uint32_t kMaxSteps = 8;

// Whether two sorted Position lists share a field.
bool ShareField(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const uint16_t fa = sdbs::PositionField(a[i]);
    const uint16_t fb = sdbs::PositionField(b[j]);
    if (fa == fb) return true;
    (fa < fb ? i : j)++;
  }
  return false;
}

}  // namespace

uint32_t ProximityRule::Cost() const {
  const uint32_t pairs = static_cast<uint32_t>(kept_.size() - 1);
  if (!by_attribute_) return Proximity(features_, kept_) - pairs;
  uint32_t cost = 0;
  for (size_t i = 1; i < kept_.size(); ++i) {
    const bool shared =
        ShareField(features_.positions[kept_[i - 1]], features_.positions[kept_[i]]);
    cost += shared ? 0 : kMaxProximity - 1;
  }
  return cost;
}

Status ProximityRule::Start(const RuleContext& ctx, const Roaring& universe,
                            const std::vector<uint16_t>& kept) {
  kept_ = kept;
  by_cost_.clear();
  const uint32_t pairs = kept.size() <= 1 ? 0 : static_cast<uint32_t>(kept.size() - 1);
  max_cost_ = pairs * (kMaxProximity - 1);
  if (pairs == 0) {
    by_cost_[0] = universe;
    return Status::Ok();
  }
  const std::vector<uint32_t> last_word_ids = universe.cardinality() >= kLastWordIdsFrom
                                                  ? LastWordIds(ctx.query, universe, kept)
                                                  : std::vector<uint32_t>();
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.doc_words));
  std::map<uint32_t, std::vector<uint32_t>> ids_by_cost;
  uint32_t last_id = UINT32_MAX;
  for (uint32_t id : universe) {
    const std::string key = dbs::EncodeInternalId(id);
    const int steps =
        id > last_id && id - last_id <= kMaxSteps ? static_cast<int>(id - last_id) : 0;
    last_id = id;
    MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.SeekForward(key, steps));
    MYRIAD_RETURN_IF_ERROR(ComputeFeatures(
        found && cursor.key() == key ? cursor.value() : std::string_view(), ctx.query, &features_,
        id < last_word_ids.size() ? last_word_ids[id] : UINT32_MAX));
    ids_by_cost[Cost()].push_back(id);
  }
  for (auto& [cost, ids] : ids_by_cost) by_cost_[cost].addMany(ids.size(), ids.data());
  return Status::Ok();
}

Result<std::optional<RuleBucket>> ProximityRule::Next(const RuleContext&, const Roaring& universe) {
  while (!by_cost_.empty()) {
    auto node = by_cost_.extract(by_cost_.begin());
    Roaring docs = node.mapped() & universe;
    if (docs.isEmpty()) continue;
    RuleBucket bucket{std::move(docs), kept_, {}};
    bucket.detail =
        ScoreDetail(ScoreDetail::Kind::kProximity, {max_cost_ + 1 - node.key(), max_cost_ + 1});
    return std::optional<RuleBucket>(std::move(bucket));
  }
  return std::optional<RuleBucket>();
}

}  // namespace myriad::engine
