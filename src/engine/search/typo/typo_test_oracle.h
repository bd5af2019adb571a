// A brute-force statement of DeriveWords' contract, for tests: each dictionary
// word is judged on its own with full distance tables.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "engine/search/typo/derive_words.h"
#include "engine/search/typo/utf8_units.h"

namespace myriad::typo::testing {

// d[i][j] = OSA distance between q[0, i) and w[0, j).
inline std::vector<std::vector<int>> OsaTable(const std::vector<char32_t>& q,
                                              const std::vector<char32_t>& w) {
  std::vector<std::vector<int>> d(q.size() + 1, std::vector<int>(w.size() + 1));
  for (size_t i = 0; i <= q.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= w.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= q.size(); ++i) {
    for (size_t j = 1; j <= w.size(); ++j) {
      int v = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (q[i - 1] == w[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
    }
  }
  return d;
}

inline std::vector<char32_t> Codes(const std::string& s) {
  std::vector<Utf8Unit> units;
  DecodeUtf8Units(s, units);
  std::vector<char32_t> codes;
  for (const Utf8Unit& u : units) codes.push_back(u.code);
  return codes;
}

// How `word` matches `query` with `max_typos`, or nullopt.
inline std::optional<Derivation> OracleMatch(const std::string& query, const std::string& word,
                                             bool is_prefix, int max_typos, bool exclude_numbers) {
  if (word == query) return Derivation{word, 0, false};
  if (max_typos == 0) {
    if (is_prefix && word.starts_with(query)) return Derivation{word, 0, true};
    return std::nullopt;
  }
  const std::vector<char32_t> q = Codes(query);
  const std::vector<char32_t> w = Codes(word);
  const bool same_first = q[0] == w[0];
  // A first-letter typo costs 2: other first letters get a budget of 1, as 2 typos.
  const int budget = same_first ? max_typos : max_typos - 1;
  if (budget < 1 && !same_first) return std::nullopt;
  const auto d = OsaTable(q, w);
  int dist = d[q.size()][w.size()];
  bool prefix = false;
  if (is_prefix) {
    for (size_t j = 1; j <= w.size(); ++j) {
      int column_min = d[0][j];
      for (size_t i = 0; i <= q.size(); ++i) column_min = std::min(column_min, d[i][j]);
      if (d[q.size()][j] <= budget && d[q.size()][j] <= column_min) {
        dist = d[q.size()][j];
        prefix = j < w.size();
        break;
      }
    }
  }
  if (dist > budget) return std::nullopt;
  if (dist == 0) return Derivation{word, 0, true};
  if (exclude_numbers && IsNumberWord(word)) return std::nullopt;
  return Derivation{word, static_cast<uint8_t>(same_first ? dist : 2), prefix};
}

// All matches of a sorted dictionary, each kind capped to its first words.
inline std::vector<Derivation> OracleDerive(const std::vector<std::string>& sorted_words,
                                            const std::string& query, bool is_prefix, int max_typos,
                                            bool exclude_numbers, const DerivationLimits& limits) {
  std::vector<Derivation> out;
  if (query.empty() || query.size() > kMaxWordBytes) return out;
  size_t counts[3] = {0, 0, 0};
  const size_t caps[3] = {limits.max_prefix, limits.max_one_typo, limits.max_two_typos};
  for (const std::string& word : sorted_words) {
    std::optional<Derivation> m = OracleMatch(query, word, is_prefix, max_typos, exclude_numbers);
    if (!m) continue;
    if (m->word != query) {
      if (counts[m->typos] >= caps[m->typos]) continue;
      ++counts[m->typos];
    }
    out.push_back(*m);
  }
  std::sort(out.begin(), out.end(), [](const Derivation& a, const Derivation& b) {
    return a.typos != b.typos ? a.typos < b.typos : a.word < b.word;
  });
  return out;
}

}  // namespace myriad::typo::testing
