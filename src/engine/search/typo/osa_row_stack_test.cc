// OsaRowStack against the quadratic reference distance, for every prefix of
// random words over a small alphabet (so that transpositions occur), every cap.
#include "engine/search/typo/osa_row_stack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "engine/search/typo/damerau_levenshtein.h"

namespace myriad::typo {
namespace {

std::string RandomWord(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> letter(0, 3);
  std::string w;
  for (size_t n = len(rng); n > 0; --n) w += static_cast<char>('a' + letter(rng));
  return w;
}

TEST(OsaRowStackTest, RowsMatchTheReferenceDistanceCapped) {
  std::mt19937 rng(4242);
  for (int trial = 0; trial < 400; ++trial) {
    const std::string query = RandomWord(rng, 9);
    const uint8_t cap = static_cast<uint8_t>(1 + trial % 4);
    OsaRowStack rows(std::vector<char32_t>(query.begin(), query.end()), cap);
    // Words sharing prefixes, pushed from where they differ, as the walk does.
    std::string previous;
    for (int w = 0; w < 8; ++w) {
      std::string word = w % 2 == 0 ? RandomWord(rng, 10) : previous + RandomWord(rng, 4);
      size_t common = 0;
      while (common < std::min(word.size(), previous.size()) && word[common] == previous[common]) {
        ++common;
      }
      common = std::min(common, rows.depth());
      for (size_t d = common; d < word.size(); ++d) rows.Push(d, static_cast<char32_t>(word[d]));
      for (size_t d = 0; d <= word.size() && d <= rows.depth(); ++d) {
        const std::string candidate = word.substr(0, d);
        uint32_t row_min = UINT32_MAX;
        for (size_t i = 0; i <= query.size(); ++i) {
          row_min = std::min(row_min, DamerauLevenshtein(query.substr(0, i), candidate));
        }
        ASSERT_EQ(rows.Distance(d), std::min<uint32_t>(DamerauLevenshtein(query, candidate), cap))
            << query << " / " << candidate << " cap " << int{cap};
        ASSERT_EQ(rows.RowMin(d), std::min<uint32_t>(row_min, cap))
            << query << " / " << candidate << " cap " << int{cap};
      }
      previous = word;
    }
  }
}

}  // namespace
}  // namespace myriad::typo
