#include "engine/search/format/crop_window.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace myriad::format {
namespace {

using Score = std::array<int64_t, 3>;  // distinct words, -gaps, ordered pairs

// REQUIRES: !run.empty()
Score RunScore(std::span<const CropMatch> run) {
  int64_t gaps = 0;
  int64_t ordered = 0;
  for (size_t i = 0; i + 1 < run.size(); ++i) {
    if (run[i + 1].query_word > run[i].query_word) ++ordered;
    gaps -= std::min<int64_t>(int64_t{run[i + 1].word} - run[i].word, 7);
  }
  // Runs are short (they fit in a crop window): a quadratic distinct count beats a set.
  int64_t distinct = 0;
  for (size_t i = 0; i < run.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = run[j].query_word == run[i].query_word;
    if (!seen) ++distinct;
  }
  return {distinct, gaps, ordered};
}

struct Run {
  size_t first = 0;
  size_t last = 0;
};

// REQUIRES: !matches.empty(), crop_words > 0
Run BestRun(std::span<const CropMatch> matches, uint32_t crop_words) {
  std::optional<Run> best;
  Score best_score{};
  const auto consider = [&](size_t first, size_t last) {
    const Score score = RunScore(matches.subspan(first, last - first + 1));
    if (!best || score > best_score) {
      best = Run{first, last};
      best_score = score;
    }
  };
  size_t first = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    const uint32_t word = matches[i].word;
    if (word - matches[first].word < crop_words) continue;
    if (i != 0) consider(first, i - 1);
    // Drop matches from the front until this one fits with them.
    while (true) {
      ++first;
      if (first == matches.size()) {
        --first;
        break;
      }
      if (matches[first].word > word || word - matches[first].word < crop_words) break;
    }
  }
  const size_t last = matches.size() - 1;
  if (first != last || crop_words > 1) consider(first, last);
  return best.value_or(Run{0, 0});
}

}  // namespace

ByteRange CropWindow(std::span<const TextUnit> units, std::span<const CropMatch> matches,
                     uint32_t crop_words, uint32_t text_size) {
  const auto n = static_cast<int64_t>(units.size());
  int64_t before = -1;  // next unit to take on the left, going down
  int64_t after = 0;    // next unit to take on the right, going up
  uint32_t remaining = crop_words;
  if (!matches.empty()) {
    const Run run = BestRun(matches, crop_words);
    const CropMatch& first = matches[run.first];
    const CropMatch& last = matches[run.last];
    remaining -= std::min(remaining, last.word - first.word + 1);
    before = int64_t{first.unit} - 1;
    after = int64_t{last.unit} + 1;
  }
  const auto is_word = [&](int64_t i) { return units[i].kind == UnitKind::kWord; };
  while (remaining > 0) {
    const bool has_before = before >= 0;
    const bool has_after = after < n;
    if (has_before && has_after) {
      const bool before_word = is_word(before);
      const bool after_word = is_word(after);
      if (!before_word && !after_word) {
        if (units[before].kind == units[after].kind) {
          --before;
          // No separator right before the closing crop marker.
          if (remaining > 1) ++after;
        } else if (units[before].kind == UnitKind::kHardSeparator) {
          ++after;
        } else {
          --before;
        }
      } else if (before_word && !after_word) {
        --before;
        --remaining;
      } else if (!before_word && after_word) {
        ++after;
        --remaining;
      } else {
        --before;
        --remaining;
        if (remaining > 0) {
          ++after;
          --remaining;
        }
      }
    } else if (has_before) {
      if (is_word(before)) --remaining;
      --before;
    } else if (has_after) {
      if (is_word(after)) --remaining;
      ++after;
    } else {
      break;
    }
  }
  return ByteRange{before >= 0 ? units[before].byte_end : 0,
                   after < n ? units[after].byte_start : text_size};
}

}  // namespace myriad::format
