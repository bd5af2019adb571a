#include "engine/search/typo/damerau_levenshtein.h"

#include <algorithm>
#include <vector>

#include "engine/search/typo/utf8_units.h"

namespace myriad::typo {

uint32_t DamerauLevenshtein(std::string_view a, std::string_view b) {
  std::vector<Utf8Unit> ua;
  std::vector<Utf8Unit> ub;
  DecodeUtf8Units(a, ua);
  DecodeUtf8Units(b, ub);
  const size_t n = ua.size();
  const size_t m = ub.size();
  std::vector<uint32_t> d((n + 1) * (m + 1));
  const auto at = [&](size_t i, size_t j) -> uint32_t& { return d[i * (m + 1) + j]; };
  for (size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<uint32_t>(i);
  for (size_t j = 0; j <= m; ++j) at(0, j) = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const uint32_t cost = ua[i - 1].code == ub[j - 1].code ? 0 : 1;
      uint32_t best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && ua[i - 1].code == ub[j - 2].code && ua[i - 2].code == ub[j - 1].code) {
        best = std::min(best, at(i - 2, j - 2) + 1);
      }
      at(i, j) = best;
    }
  }
  return at(n, m);
}

}  // namespace myriad::typo
