// DeriveWords: the dictionary words a query word matches within its typo
// budget, Meilisearch's "word derivations" (milli search/new/query_term).
//
// Matching, for a query word q allowed k typos (typo_rules.h), distances being
// optimal-string-alignment Damerau-Levenshtein over UTF-8 units:
//  - k = 0: q itself; in prefix mode also every word starting with q.
//  - k = 1: also words starting with q's first character at distance 1.
//  - k = 2: words starting with q's first character at distance 1 or 2 (that
//    many typos), and words starting with another character at distance 1,
//    counted as 2 typos: a typo on the first letter costs 2.
// Prefix mode (the word the user is still typing) measures each word by its
// prefixes, as Meilisearch's prefix automata do: walking the word, the distance
// is fixed at the first prefix p where d(q, p) <= budget and no query prefix is
// closer to p than q is (no later character could lower it); until then the
// word's own distance counts. So "prinse" matches "princess" with 1 typo.
// Words whose distance is 0 but differ from q are prefix derivations.
//
// Thread safety: pure functions over the caller's dictionary (one thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/typo/typo_rules.h"
#include "engine/search/typo/word_dictionary.h"
#include "util/result.h"

namespace myriad::typo {

// Query words longer than this many bytes derive nothing, not even themselves
// (Meilisearch's MAX_WORD_LENGTH: such words are never indexed).
inline constexpr size_t kMaxWordBytes = 250;

// Caps per kind, Meilisearch's defaults (milli search/new/limits.rs). Each kind
// keeps its first words in bytewise order, as Meilisearch's FST streams do.
struct DerivationLimits {
  size_t max_prefix = 1000;   // MAX_PREFIX_COUNT: 0-typo prefix derivations
  size_t max_one_typo = 150;  // MAX_ONE_TYPO_COUNT
  size_t max_two_typos = 50;  // MAX_TWO_TYPOS_COUNT
  // The caller's cap on the whole answer (the exact word included); the walk
  // stops as soon as it is reached.
  size_t max_total = std::numeric_limits<size_t>::max();
};

struct Derivation {
  std::string word;
  uint8_t typos = 0;  // 0, 1 or 2
  // True when the typos were counted on a proper prefix of `word` (only in
  // prefix mode). typos == 0 && !prefix: the query word itself.
  bool prefix = false;

  friend bool operator==(const Derivation&, const Derivation&) = default;
};

// What a call cost, for benchmarks and tests of the seeking strategy.
struct DeriveStats {
  size_t seeks = 0;          // SeekAtLeast calls
  size_t words_visited = 0;  // words the dictionary was positioned on
};

// The derivations of `query_word` (normalized as the dictionary's words) with
// the typo budget `rules` give it, sorted by typos then word. `stats`, when not
// null, receives the cost. Fails only when the dictionary does.
Result<std::vector<Derivation>> DeriveWords(WordDictionary& dictionary, std::string_view query_word,
                                            bool is_prefix, const TypoRules& rules,
                                            const DerivationLimits& limits = {},
                                            DeriveStats* stats = nullptr);

// As DeriveWords with an explicit budget (e.g. lowered for an n-gram).
// `exclude_numbers`: number words (IsNumberWord) are never reached through a
// typo, as under disableOnNumbers. REQUIRES: max_typos <= 2.
Result<std::vector<Derivation>> DeriveWordsWithBudget(WordDictionary& dictionary,
                                                      std::string_view query_word, bool is_prefix,
                                                      uint8_t max_typos, bool exclude_numbers,
                                                      const DerivationLimits& limits = {},
                                                      DeriveStats* stats = nullptr);

}  // namespace myriad::typo
