#include "engine/search/rules/exactness_rule.h"

#include <algorithm>
#include <map>

#include "engine/search/word_keys.h"
#include "storage/bitmap_codec.h"

namespace myriad::engine {
namespace {

constexpr uint32_t kMaxExactPositions = 16;
// Completions of more lengths than this share the last length class.
constexpr size_t kMaxLengthClasses = 6;

}  // namespace

Result<std::pair<Roaring, Roaring>> ExactnessRule::FieldMatches(const RuleContext& ctx,
                                                                const Roaring& universe,
                                                                const WordFilter& use,
                                                                bool all_words) const {
  std::pair<Roaring, Roaring> out;
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor fields,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.word_field_docids));
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor prefix_fields,
                          storage::Cursor::Open(ctx.txn, ctx.dbs.prefix_field_docids));
  std::map<uint16_t, Roaring> in_every_unit;  // field id -> documents holding every unit there
  Roaring starts = universe;                  // documents with unit i at position i
  for (size_t i = 0; i < kept_.size(); ++i) {
    std::map<uint16_t, Roaring> unit_fields;
    Roaring at_position;
    const auto position = static_cast<uint16_t>(i);
    // With every word allowed, an indexed prefix's completions are read at once.
    const std::optional<std::string_view> prefix =
        all_words ? IndexedPrefix(ctx, kept_[i]) : std::nullopt;
    if (prefix) {
      MYRIAD_RETURN_IF_ERROR(
          ForEachPrefixKey(prefix_fields, *prefix, [&](uint16_t fid, Roaring docs) {
            if (ctx.query.scope.Allows(fid, 0)) unit_fields[fid] |= docs & universe;
            return Status::Ok();
          }));
      MYRIAD_ASSIGN_OR_RETURN(
          std::optional<std::string_view> bitmap,
          ctx.txn.Get(ctx.dbs.prefix_position_docids,
                      sdbs::PrefixKey(*prefix, sdbs::BucketedPosition(position))));
      if (bitmap) {
        MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(*bitmap));
        at_position |= docs;
      }
    }
    for (const DerivedWord& word : ctx.query.units[kept_[i]].derived) {
      if ((prefix && word.completion) || !use(i, word) || !word.docs.intersect(universe)) {
        continue;
      }
      MYRIAD_RETURN_IF_ERROR(ForEachWordKey(fields, word.id, [&](uint16_t fid, Roaring docs) {
        if (ctx.query.scope.Allows(fid, word.typos)) unit_fields[fid] |= docs & universe;
        return Status::Ok();
      }));
      MYRIAD_ASSIGN_OR_RETURN(
          std::optional<std::string_view> bitmap,
          ctx.txn.Get(ctx.dbs.word_position_docids,
                      sdbs::WordKey(sdbs::PackWordKey(word.id, sdbs::BucketedPosition(position)))));
      if (bitmap) {
        MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(*bitmap));
        at_position |= docs;
      }
    }
    starts &= at_position;
    if (i == 0) {
      in_every_unit = std::move(unit_fields);
    } else {
      for (auto& [fid, docs] : in_every_unit) {
        auto it = unit_fields.find(fid);
        docs = it == unit_fields.end() ? Roaring() : docs & it->second;
      }
    }
    if (starts.isEmpty()) return out;
  }
  const auto count = static_cast<uint8_t>(kept_.size());
  for (const auto& [fid, docs] : in_every_unit) {
    if (fid >= ctx.field_weights.size() || ctx.field_weights[fid] == UINT32_MAX) continue;
    const Roaring start = docs & starts;
    if (start.isEmpty()) continue;
    out.second |= start;
    if (count > sdbs::kMaxCountedWords) continue;
    MYRIAD_ASSIGN_OR_RETURN(
        std::optional<std::string_view> bitmap,
        ctx.txn.Get(ctx.dbs.field_word_count_docids, sdbs::FieldWordCountKey(fid, count)));
    if (!bitmap) continue;
    MYRIAD_ASSIGN_OR_RETURN(Roaring exact, storage::DecodeBitmap(*bitmap));
    out.first |= start & exact;
  }
  return out;
}

Status ExactnessRule::Classify(const RuleContext& ctx, const Roaring& universe) {
  auto exact_only = [](size_t, const DerivedWord& word) { return word.exact; };
  auto any = [](size_t, const DerivedWord&) { return true; };
  MYRIAD_ASSIGN_OR_RETURN(auto exact, FieldMatches(ctx, universe, exact_only, false));
  classes_.emplace_back(ExactMatch::kExact, std::move(exact.first));
  MYRIAD_ASSIGN_OR_RETURN(auto derived, FieldMatches(ctx, universe, any, /*all_words=*/true));
  // The derived exact matches by the length of the last unit's word, shortest
  // first (the longest share a class): read again over those documents only,
  // a few among the universe.
  const size_t last = kept_.size() - 1;
  std::vector<uint32_t> lengths;
  for (const DerivedWord& word : ctx.query.units[kept_[last]].derived) {
    if (word.docs.intersect(derived.first)) lengths.push_back(word.length);
  }
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  if (lengths.size() > kMaxLengthClasses) lengths.resize(kMaxLengthClasses);
  for (size_t l = 0; l + 1 < lengths.size(); ++l) {
    auto of_length = [&](size_t i, const DerivedWord& word) {
      return i != last || word.length == lengths[l];
    };
    MYRIAD_ASSIGN_OR_RETURN(auto of_this_length,
                            FieldMatches(ctx, derived.first, of_length, false));
    classes_.emplace_back(ExactMatch::kExactDerived, std::move(of_this_length.first));
  }
  classes_.emplace_back(ExactMatch::kExactDerived, std::move(derived.first));
  classes_.emplace_back(ExactMatch::kStart, std::move(exact.second));
  classes_.emplace_back(ExactMatch::kStartDerived, std::move(derived.second));
  return Status::Ok();
}

Status ExactnessRule::Start(const RuleContext& ctx, const Roaring& universe,
                            const std::vector<uint16_t>& kept) {
  kept_ = kept;
  class_ = 0;
  words_.reset();
  classes_.clear();
  exact_docs_.clear();
  for (uint16_t u : kept) {
    const ResolvedUnit& unit = ctx.query.units[u];
    Roaring exact = unit.unit.phrase ? unit.docs : Roaring();
    for (const DerivedWord& word : unit.derived) {
      if (word.exact) exact |= word.docs;
    }
    exact_docs_.push_back({std::move(exact)});
  }
  bool can_start = !kept.empty() && kept.size() <= kMaxExactPositions;
  for (size_t i = 0; i < kept.size() && can_start; ++i) {
    can_start = !ctx.query.units[kept[i]].unit.phrase && (i == 0 || kept[i] == kept[i - 1] + 1);
  }
  if (can_start) MYRIAD_RETURN_IF_ERROR(Classify(ctx, universe));
  Roaring rest = universe;
  for (auto& [match, docs] : classes_) {
    docs &= rest;
    rest -= docs;
  }
  classes_.emplace_back(ExactMatch::kNone, std::move(rest));
  return Status::Ok();
}

Result<std::optional<RuleBucket>> ExactnessRule::Next(const RuleContext&, const Roaring& universe) {
  const auto units = static_cast<uint32_t>(kept_.size());
  while (class_ < classes_.size()) {
    if (!words_) {
      const Roaring docs = classes_[class_].second & universe;
      if (docs.isEmpty()) {
        ++class_;
        continue;
      }
      words_.emplace(docs, exact_docs_, std::vector<uint32_t>(kept_.size(), 1));
    }
    auto next = words_->Next(universe);
    if (!next) {
      words_.reset();
      ++class_;
      continue;
    }
    RuleBucket bucket{std::move(next->second), kept_, {}};
    const ExactMatch match = classes_[class_].first;
    bucket.detail =
        ScoreDetail(ScoreDetail::Kind::kExactness,
                    {static_cast<uint32_t>(match), static_cast<uint32_t>(ExactMatch::kExact)});
    bucket.detail.count = units - next->first;
    bucket.detail.max_count = units;
    bucket.detail.exact = match;
    return std::optional<RuleBucket>(std::move(bucket));
  }
  return std::optional<RuleBucket>();
}

}  // namespace myriad::engine
