#include "engine/search/typo/osa_row_stack.h"

#include <algorithm>

namespace myriad::typo {

OsaRowStack::OsaRowStack(std::vector<char32_t> query, uint8_t cap)
    : query_(std::move(query)), cap_(cap) {
  rows_.resize(query_.size() + 1);
  for (size_t i = 0; i <= query_.size(); ++i) {
    rows_[i] = static_cast<uint8_t>(std::min<size_t>(i, cap_));
  }
  row_min_.push_back(0);
}

void OsaRowStack::Push(size_t depth, char32_t unit) {
  const size_t m = query_.size();
  units_.resize(depth);
  row_min_.resize(depth + 1);
  rows_.resize((depth + 2) * (m + 1));
  units_.push_back(unit);
  const size_t d = depth + 1;
  uint8_t* row = &rows_[d * (m + 1)];
  const uint8_t* above = &rows_[depth * (m + 1)];
  // Two rows up, for a transposition of the last two candidate units.
  const uint8_t* above2 = d >= 2 ? &rows_[(d - 2) * (m + 1)] : nullptr;
  const char32_t before = d >= 2 ? units_[d - 2] : 0;
  // d(query[0, i), candidate[0, d)) >= |d - i|: outside the band where that
  // is under the cap, every entry is the cap, and only the band is computed.
  const size_t lo = d >= cap_ ? d - cap_ + 1 : 1;  // first entry computed
  const size_t hi = std::min(m, d + cap_ - 1);     // last entry computed
  std::fill(row, row + m + 1, cap_);
  row[0] = static_cast<uint8_t>(std::min<size_t>(d, cap_));
  uint8_t min = row[0];
  for (size_t i = lo; i <= hi; ++i) {
    int v = std::min({above[i] + 1, row[i - 1] + 1, above[i - 1] + (query_[i - 1] != unit)});
    if (above2 != nullptr && i >= 2 && query_[i - 1] == before && query_[i - 2] == unit) {
      v = std::min(v, above2[i - 2] + 1);
    }
    row[i] = static_cast<uint8_t>(std::min<int>(v, cap_));
    min = std::min(min, row[i]);
  }
  row_min_.push_back(min);
}

}  // namespace myriad::typo
