#include "engine/search/doc_features.h"

#include <algorithm>

#include "engine/indexing/index_dbs.h"
#include "storage/varint.h"

namespace myriad::engine {
namespace {

uint32_t Closest(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  uint32_t best = kMaxProximity;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size() && best > 1) {
    const uint32_t pa = a[i];
    const uint32_t pb = b[j];
    if (sdbs::PositionField(pa) == sdbs::PositionField(pb)) {
      const uint32_t d = pb > pa ? pb - pa : pa - pb + 1;
      best = std::min(best, d);
    }
    if (pa < pb) {
      ++i;
    } else {
      ++j;
    }
  }
  return best;
}

}  // namespace

Status ComputeFeatures(std::string_view blob, const ResolvedQuery& query, DocFeatures* out,
                       uint32_t last_word_id) {
  const size_t n = query.units.size();
  DocFeatures& f = *out;
  f.matched = 0;
  f.typos.assign(n, UINT8_MAX);
  f.exact.assign(n, false);
  f.positions.resize(n);
  for (auto& list : f.positions) list.clear();
  // Phrases: positions of each of their words, to find runs.
  auto& phrase_words = f.phrase_words;
  phrase_words.resize(n);
  for (size_t u = 0; u < n; ++u) {
    phrase_words[u].resize(query.units[u].unit.phrase ? query.units[u].unit.words.size() : 0);
    for (auto& list : phrase_words[u]) list.clear();
  }
  // Both the forward index and the query's word ids are sorted: a word the
  // query uses (a bit test) is found from the last one found, and the
  // positions of every other word are skipped.
  const auto& wanted = query.sorted_word_ids;
  if (!wanted.empty()) last_word_id = std::min(last_word_id, wanted.back().first);
  size_t next = 0;
  uint32_t word_id = 0;
  auto& positions = f.scratch;
  while (!blob.empty() && next < wanted.size()) {
    std::optional<uint32_t> delta = storage::ConsumeVarint(blob);
    std::optional<uint32_t> count = storage::ConsumeVarint(blob);
    std::optional<uint32_t> bytes = storage::ConsumeVarint(blob);
    if (!delta || !count || !bytes || *bytes > blob.size()) {
      return Status::Corruption("forward index: truncated");
    }
    word_id += *delta;
    std::string_view encoded = blob.substr(0, *bytes);
    blob.remove_prefix(*bytes);
    if (word_id > last_word_id) break;
    if (!query.HasWordId(word_id)) continue;
    next = static_cast<size_t>(
        std::lower_bound(wanted.begin() + static_cast<std::ptrdiff_t>(next), wanted.end(), word_id,
                         [](const auto& entry, uint32_t id) { return entry.first < id; }) -
        wanted.begin());
    positions.clear();
    uint32_t p = 0;
    for (uint32_t k = 0; k < *count; ++k) {
      std::optional<uint32_t> step = storage::ConsumeVarint(encoded);
      if (!step) return Status::Corruption("forward index: truncated positions");
      positions.push_back(p += *step);
    }
    for (const WordMatchInfo& info : *wanted[next].second) {
      const std::vector<uint32_t>* in_scope = &positions;
      if (query.scope.restricted()) {
        f.scoped.clear();
        for (uint32_t at : positions) {
          if (query.scope.Allows(sdbs::PositionField(at), info.typos)) f.scoped.push_back(at);
        }
        if (f.scoped.empty()) continue;
        in_scope = &f.scoped;
      }
      if (query.units[info.unit].unit.phrase) {
        auto& list = phrase_words[info.unit][info.word_in_unit];
        list.insert(list.end(), in_scope->begin(), in_scope->end());
        continue;
      }
      f.matched |= 1u << info.unit;
      f.typos[info.unit] = std::min(f.typos[info.unit], info.typos);
      if (info.typos == 0 && !info.prefix) f.exact[info.unit] = true;
      auto& list = f.positions[info.unit];
      list.insert(list.end(), in_scope->begin(), in_scope->end());
    }
  }
  for (size_t u = 0; u < n; ++u) {
    if (query.units[u].unit.phrase) {
      // A phrase matches where its words follow each other in one field (its
      // stop words, never indexed, only keep their places).
      auto& words = phrase_words[u];
      const std::vector<bool>& stop = query.units[u].unit.stop;
      for (auto& list : words) std::sort(list.begin(), list.end());
      size_t anchor = 0;
      while (anchor < words.size() && stop[anchor]) ++anchor;
      if (anchor == words.size()) continue;
      for (uint32_t at : words[anchor]) {
        if (sdbs::PositionInField(at) < anchor) continue;
        const uint32_t start = at - static_cast<uint32_t>(anchor);
        bool run = true;
        for (size_t w = anchor + 1; w < words.size() && run; ++w) {
          if (stop[w]) continue;
          run = std::binary_search(words[w].begin(), words[w].end(), start + w) &&
                sdbs::PositionField(start + w) == sdbs::PositionField(start);
        }
        if (run) f.positions[u].push_back(start);
      }
      if (!f.positions[u].empty()) {
        f.matched |= 1u << u;
        f.typos[u] = 0;
        f.exact[u] = true;
      }
    } else {
      std::sort(f.positions[u].begin(), f.positions[u].end());
    }
  }
  return Status::Ok();
}

std::vector<uint32_t> LastWordIds(const ResolvedQuery& query, const Roaring& docs,
                                  const std::vector<uint16_t>& units) {
  std::vector<std::pair<uint32_t, const Roaring*>> words;
  for (uint16_t u : units) {
    if (query.units[u].unit.phrase) return {};
    for (const DerivedWord& word : query.units[u].derived) words.emplace_back(word.id, &word.docs);
  }
  if (docs.isEmpty()) return {};
  // Greatest ids first: a document gets the first one it holds. Those are
  // mostly rare words, and the common ones come when few documents are left.
  std::sort(words.begin(), words.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<uint32_t> last(static_cast<size_t>(docs.maximum()) + 1, UINT32_MAX);
  Roaring rest = docs;
  for (const auto& [id, holding] : words) {
    if (!rest.intersect(*holding)) continue;
    const Roaring found = rest & *holding;
    for (uint32_t doc : found) last[doc] = id;
    rest -= found;
    if (rest.isEmpty()) break;
  }
  return last;
}

uint32_t Proximity(const DocFeatures& f, const std::vector<uint16_t>& units) {
  uint32_t total = 0;
  for (size_t i = 1; i < units.size(); ++i) {
    total += Closest(f.positions[units[i - 1]], f.positions[units[i]]);
  }
  return total;
}

}  // namespace myriad::engine
