// OsaRowStack: the rows of the optimal-string-alignment Damerau-Levenshtein
// table between a fixed query and a candidate word that grows and shrinks by
// its end, one row per candidate length, so that words sharing a prefix share
// its rows (the dictionary walk of derive_words.cc).
//
// Row d, column i holds d(query[0, i), candidate[0, d)), capped at `cap`:
// values above the typo budget only need to be known as "too many".
// Thread safety: a value type, one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace myriad::typo {

class OsaRowStack {
 public:
  // REQUIRES: 1 <= cap <= 255.
  OsaRowStack(std::vector<char32_t> query, uint8_t cap);

  // Drops the rows deeper than `depth` and appends the row for candidate unit
  // `unit`, which becomes row depth + 1. REQUIRES: depth <= this->depth().
  void Push(size_t depth, char32_t unit);

  size_t depth() const { return units_.size(); }
  size_t query_size() const { return query_.size(); }
  // d(query, candidate[0, depth)).
  uint8_t Distance(size_t depth) const { return Row(depth)[query_.size()]; }
  // The smallest entry of row `depth`: no extension of the candidate gets
  // closer than this to any prefix of the query, nor to the query.
  uint8_t RowMin(size_t depth) const { return row_min_[depth]; }

 private:
  const uint8_t* Row(size_t depth) const { return &rows_[depth * (query_.size() + 1)]; }

  const std::vector<char32_t> query_;
  const uint8_t cap_;
  std::vector<char32_t> units_;   // the candidate's units, one per row after row 0
  std::vector<uint8_t> rows_;     // (depth() + 1) rows of query_size() + 1 entries
  std::vector<uint8_t> row_min_;  // per row
};

}  // namespace myriad::typo
