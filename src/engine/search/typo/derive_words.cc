#include "engine/search/typo/derive_words.h"

#include <algorithm>
#include <optional>

#include "engine/search/typo/osa_row_stack.h"
#include "engine/search/typo/utf8_units.h"

namespace myriad::typo {
namespace {

// The caps a derivation is counted against.
enum class Kind { kPrefix = 0, kOneTypo = 1, kTwoTypos = 2 };

Kind KindOf(uint8_t distance, bool same_first) {
  if (!same_first) return Kind::kTwoTypos;  // a first-letter typo costs 2
  return static_cast<Kind>(distance);
}

// The smallest key greater than every key starting with `prefix`, or nullopt
// when there is none (all bytes 0xFF).
std::optional<std::string> Successor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xFF) s.pop_back();
  if (s.empty()) return std::nullopt;
  s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
  return s;
}

// Whether every word starting with the bytes of units[0, depth) decodes to
// these units first. Not so when one of the last three bytes is an invalid
// unit: more bytes may complete it into a character ("\xC3" + "\xA9" is é).
bool PrefixIsStable(const std::vector<Utf8Unit>& units, size_t depth) {
  const uint32_t end = units[depth - 1].end;
  for (size_t k = depth; k > 0 && units[k - 1].end + 3 > end; --k) {
    if (units[k - 1].code >= kInvalidUnitBase) return false;
  }
  return true;
}

// Collects derivations under the per-kind caps and the caller's total cap.
class Collector {
 public:
  Collector(const DerivationLimits& limits, bool is_prefix, uint8_t max_typos)
      : limits_(limits), is_prefix_(is_prefix), max_typos_(max_typos) {}

  void AddExact(std::string_view word) {
    if (!TotalFull()) out_.push_back({std::string(word), 0, false});
  }
  void Add(std::string_view word, Kind kind, uint8_t typos, bool prefix) {
    if (Full(kind) || TotalFull()) return;
    ++counts_[static_cast<int>(kind)];
    out_.push_back({std::string(word), typos, prefix});
  }
  bool Full(Kind kind) const {
    const size_t caps[] = {limits_.max_prefix, limits_.max_one_typo, limits_.max_two_typos};
    return counts_[static_cast<int>(kind)] >= caps[static_cast<int>(kind)];
  }
  // Nothing more can be added: the walk may stop.
  bool Done() const {
    if (TotalFull()) return true;
    if (is_prefix_ && !Full(Kind::kPrefix)) return false;
    if (max_typos_ >= 1 && !Full(Kind::kOneTypo)) return false;
    if (max_typos_ >= 2 && !Full(Kind::kTwoTypos)) return false;
    return true;
  }
  std::vector<Derivation> Take() && { return std::move(out_); }

 private:
  bool TotalFull() const { return out_.size() >= limits_.max_total; }

  const DerivationLimits& limits_;
  const bool is_prefix_;
  const uint8_t max_typos_;
  size_t counts_[3] = {0, 0, 0};
  std::vector<Derivation> out_;
};

// The dictionary, counting what it costs.
class CountingDictionary {
 public:
  CountingDictionary(WordDictionary& dictionary, DeriveStats& stats)
      : dictionary_(dictionary), stats_(stats) {}
  Result<bool> Seek(std::string_view key) {
    ++stats_.seeks;
    return Count(dictionary_.SeekAtLeast(key));
  }
  Result<bool> Next() { return Count(dictionary_.Next()); }
  std::string_view word() const { return dictionary_.word(); }

 private:
  Result<bool> Count(Result<bool> moved) {
    if (moved.ok() && *moved) ++stats_.words_visited;
    return moved;
  }
  WordDictionary& dictionary_;
  DeriveStats& stats_;
};

// Walks the dictionary in order from the current position `on`, computing the
// distance table incrementally over the units each word shares with the rows
// already computed, and seeking past every prefix that cannot match (or can
// only give derivations of a kind already full).
Status TypoWalk(CountingDictionary& dict, bool on, std::string_view query, bool is_prefix,
                uint8_t max_typos, bool exclude_numbers, Collector& collector) {
  std::vector<Utf8Unit> query_units;
  DecodeUtf8Units(query, query_units);
  std::vector<char32_t> codes;
  for (const Utf8Unit& u : query_units) codes.push_back(u.code);
  const char32_t first = codes[0];
  const std::string_view first_bytes = query.substr(0, query_units[0].end);

  // The query's distinct units in increasing order, with their bytes: after a
  // prefix whose row minimum is the budget, only these can follow (any other
  // unit costs a typo), so the walk seeks to the next one that fits. Not for
  // a query holding an invalid unit, whose bytes do not sort as its code.
  std::vector<std::pair<char32_t, std::string_view>> followers;
  bool valid_query = true;
  for (size_t i = 0; i < query_units.size(); ++i) {
    const uint32_t begin = i == 0 ? 0 : query_units[i - 1].end;
    followers.emplace_back(query_units[i].code, query.substr(begin, query_units[i].end - begin));
    valid_query &= query_units[i].code < kInvalidUnitBase;
  }
  std::sort(followers.begin(), followers.end());
  followers.erase(std::unique(followers.begin(), followers.end()), followers.end());

  OsaRowStack rows(std::move(codes), static_cast<uint8_t>(max_typos + 1));
  // frozen[d] >= 0: in prefix mode the distance was fixed at depth <= d.
  std::vector<int> frozen = {-1};
  std::vector<Utf8Unit> units;
  std::vector<char32_t> row_units;  // the candidate units rows[1..] were computed for
  while (on && !collector.Done()) {
    const std::string_view word = dict.word();
    // With one typo only words starting with the query's first letter qualify.
    if (max_typos == 1 && !word.starts_with(first_bytes)) break;
    DecodeUtf8Units(word, units);
    if (units.empty()) {
      MYRIAD_ASSIGN_OR_RETURN(on, dict.Next());
      continue;
    }
    const bool same_first = units[0].code == first;
    const int budget = same_first ? max_typos : max_typos - 1;

    size_t skip_depth = 0;  // > 0: no word starting with units[0, skip_depth) can qualify
    bool too_far = false;   // skipped because units[0, skip_depth) is over the budget
    if (budget < 1 && !same_first) {
      skip_depth = 1;
      row_units.clear();
    } else {
      size_t common = 0;
      const size_t limit = std::min(row_units.size(), units.size());
      while (common < limit && row_units[common] == units[common].code) ++common;
      row_units.resize(common);
      frozen.resize(common + 1);
      for (size_t d = common; d < units.size(); ++d) {
        rows.Push(d, units[d].code);
        row_units.push_back(units[d].code);
        int f = frozen[d];
        const uint8_t dist = rows.Distance(d + 1);
        // Prefix automata stop at the first prefix no later unit can improve.
        if (f < 0 && is_prefix && dist <= budget && dist <= rows.RowMin(d + 1)) f = dist;
        frozen.push_back(f);
        if (f < 0 && rows.RowMin(d + 1) > budget) {
          skip_depth = d + 1;
          too_far = true;
          break;
        }
      }
      if (skip_depth == 0 && frozen.back() >= 0 &&
          collector.Full(KindOf(static_cast<uint8_t>(frozen.back()), same_first))) {
        skip_depth = 1;
        while (frozen[skip_depth] < 0) ++skip_depth;
      }
    }
    if (skip_depth > 0) {
      if (PrefixIsStable(units, skip_depth)) {
        std::optional<std::string> next;
        const size_t parent = skip_depth - 1;
        if (too_far && valid_query && parent > 0 && rows.RowMin(parent) == budget &&
            PrefixIsStable(units, parent)) {
          // Within the parent prefix, the next unit that keeps the row within
          // the budget (none: the parent's words are all over it).
          const std::string_view stem = word.substr(0, units[parent - 1].end);
          auto it = std::upper_bound(
              followers.begin(), followers.end(), units[parent].code,
              [](char32_t code, const auto& follower) { return code < follower.first; });
          for (; it != followers.end(); ++it) {
            rows.Push(parent, it->first);
            if (rows.RowMin(parent + 1) <= budget) break;
          }
          row_units.resize(parent);  // row parent + 1 now holds a follower's
          next = it != followers.end() ? std::string(stem).append(it->second) : Successor(stem);
        } else {
          next = Successor(word.substr(0, units[skip_depth - 1].end));
        }
        if (!next) break;
        MYRIAD_ASSIGN_OR_RETURN(on, dict.Seek(*next));
      } else {
        MYRIAD_ASSIGN_OR_RETURN(on, dict.Next());
      }
      continue;
    }

    const size_t len = units.size();
    const int dist = frozen[len] >= 0 ? frozen[len] : rows.Distance(len);
    if (dist <= budget) {
      const auto d8 = static_cast<uint8_t>(dist);
      const bool prefix = frozen[len - 1] >= 0;
      if (dist == 0) {
        if (word != query) collector.Add(word, Kind::kPrefix, 0, true);
      } else if (!(exclude_numbers && IsNumberWord(word))) {
        const Kind kind = KindOf(d8, same_first);
        collector.Add(word, kind, static_cast<uint8_t>(kind == Kind::kTwoTypos ? 2 : 1), prefix);
      }
    }
    MYRIAD_ASSIGN_OR_RETURN(on, dict.Next());
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Derivation>> DeriveWordsWithBudget(WordDictionary& dictionary,
                                                      std::string_view query_word, bool is_prefix,
                                                      uint8_t max_typos, bool exclude_numbers,
                                                      const DerivationLimits& limits,
                                                      DeriveStats* stats) {
  DeriveStats local_stats;
  DeriveStats& st = stats != nullptr ? *stats : local_stats;
  st = DeriveStats();
  if (query_word.empty() || query_word.size() > kMaxWordBytes) return std::vector<Derivation>();
  max_typos = std::min<uint8_t>(max_typos, 2);

  CountingDictionary dict(dictionary, st);
  Collector collector(limits, is_prefix, max_typos);
  MYRIAD_ASSIGN_OR_RETURN(bool on, dict.Seek(query_word));
  if (on && dict.word() == query_word) collector.AddExact(query_word);
  if (max_typos == 0) {
    // Words starting with the query follow it directly.
    while (is_prefix && on && !collector.Done() && dict.word().starts_with(query_word)) {
      if (dict.word() != query_word) collector.Add(dict.word(), Kind::kPrefix, 0, true);
      MYRIAD_ASSIGN_OR_RETURN(on, dict.Next());
    }
  } else {
    // One typo: only words sharing the first letter; two: every word.
    std::string_view start;
    if (max_typos == 1) {
      std::vector<Utf8Unit> units;
      DecodeUtf8Units(query_word, units);
      start = query_word.substr(0, units[0].end);
    }
    MYRIAD_ASSIGN_OR_RETURN(on, dict.Seek(start));
    MYRIAD_RETURN_IF_ERROR(
        TypoWalk(dict, on, query_word, is_prefix, max_typos, exclude_numbers, collector));
  }
  std::vector<Derivation> out = std::move(collector).Take();
  std::sort(out.begin(), out.end(), [](const Derivation& a, const Derivation& b) {
    return a.typos != b.typos ? a.typos < b.typos : a.word < b.word;
  });
  return out;
}

Result<std::vector<Derivation>> DeriveWords(WordDictionary& dictionary, std::string_view query_word,
                                            bool is_prefix, const TypoRules& rules,
                                            const DerivationLimits& limits, DeriveStats* stats) {
  return DeriveWordsWithBudget(dictionary, query_word, is_prefix, AllowedTypos(query_word, rules),
                               rules.disable_on_numbers, limits, stats);
}

}  // namespace myriad::typo
