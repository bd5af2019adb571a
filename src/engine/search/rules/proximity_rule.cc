#include "engine/search/rules/proximity_rule.h"

#include <unordered_set>

#include "engine/documents/document_dbs.h"
#include "storage/bitmap_codec.h"
#include "storage/key_codec.h"

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

Result<Roaring> ProximityRule::Adjacent(const RuleContext& ctx, const Roaring& universe) const {
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.word_pair_docids));
  Roaring adjacent = universe;
  for (size_t i = 1; i < kept_.size() && !adjacent.isEmpty(); ++i) {
    const ResolvedUnit& first = ctx.query.units[kept_[i - 1]];
    std::unordered_set<uint32_t> next_words;
    for (const DerivedWord& word : ctx.query.units[kept_[i]].derived) {
      if (word.docs.intersect(adjacent)) next_words.insert(word.id);
    }
    Roaring pair;
    for (const DerivedWord& word : first.derived) {
      if (next_words.empty() || !word.docs.intersect(adjacent)) continue;
      // The word's successors are adjacent keys.
      const std::string prefix = storage::EncodeU32BE(word.id);
      MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.Seek(prefix));
      while (found && cursor.key().starts_with(prefix)) {
        std::string_view key = cursor.key().substr(prefix.size());
        std::optional<uint32_t> next = storage::ConsumeU32BE(key);
        if (!next) return Status::Corruption("word pair key: bad size");
        if (next_words.contains(*next)) {
          MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(cursor.value()));
          pair |= docs;
        }
        MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
      }
    }
    adjacent &= pair;
  }
  return adjacent;
}

Status ProximityRule::Measure(const RuleContext& ctx, const Roaring& docs) {
  const std::vector<uint32_t> last_word_ids = docs.cardinality() >= kLastWordIdsFrom
                                                  ? LastWordIds(ctx.query, docs, kept_)
                                                  : std::vector<uint32_t>();
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.doc_words));
  std::map<uint32_t, std::vector<uint32_t>> ids_by_cost;
  uint32_t last_id = UINT32_MAX;
  for (uint32_t id : docs) {
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

Status ProximityRule::Start(const RuleContext& ctx, const Roaring& universe,
                            const std::vector<uint16_t>& kept) {
  kept_ = kept;
  by_cost_.clear();
  adjacent_ = Roaring();
  rest_ = Roaring();
  measured_ = true;
  const uint32_t pairs = kept.size() <= 1 ? 0 : static_cast<uint32_t>(kept.size() - 1);
  max_cost_ = pairs * (kMaxProximity - 1);
  if (pairs == 0) {
    by_cost_[0] = universe;
  } else if (by_attribute_) {
    MYRIAD_RETURN_IF_ERROR(Measure(ctx, universe));
  } else {
    MYRIAD_ASSIGN_OR_RETURN(adjacent_, Adjacent(ctx, universe));
    rest_ = universe - adjacent_;
    measured_ = false;
  }
  return Status::Ok();
}

Result<std::optional<RuleBucket>> ProximityRule::Next(const RuleContext& ctx,
                                                      const Roaring& universe) {
  uint32_t cost = 0;
  Roaring docs = adjacent_ & universe;
  adjacent_ = Roaring();
  if (docs.isEmpty() && !measured_) {
    MYRIAD_RETURN_IF_ERROR(Measure(ctx, rest_ & universe));
    rest_ = Roaring();
    measured_ = true;
  }
  while (docs.isEmpty() && !by_cost_.empty()) {
    auto node = by_cost_.extract(by_cost_.begin());
    docs = node.mapped() & universe;
    cost = node.key();
  }
  if (docs.isEmpty()) return std::optional<RuleBucket>();
  RuleBucket bucket{std::move(docs), kept_, {}};
  bucket.detail = ScoreDetail(ScoreDetail::Kind::kProximity, {max_cost_ + 1 - cost, max_cost_ + 1});
  return std::optional<RuleBucket>(std::move(bucket));
}

}  // namespace myriad::engine
