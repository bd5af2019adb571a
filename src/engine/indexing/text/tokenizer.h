// Tokenizer: splits a text into normalized words with their positions and spans, as
// Meilisearch (charabia + milli) does, for indexing document fields and for splitting
// search queries.
//
// How a text splits:
//   1. Separators (see separators.h, adjusted by TokenizerOptions) and dictionary
//      words are found with charabia's leftmost-longest rule.
//   2. Between them, a stretch is split where its script changes (script_runs.h).
//      A run of a script written without spaces (CJK, Thai, ...) goes through ICU's
//      dictionary word breaker; any other run is one word, as charabia's Latin
//      segmenter keeps it ("3°F", "a=b" and "naïve" are one word each).
//   3. Each word is normalized (normalize.h). Empty results are dropped without
//      taking a position; words over kMaxWordBytes take a position but are dropped
//      (milli skips them).
// Positions follow milli: the first word is 0, the next +1, or +8 if a hard separator
// lies between. Pure-ASCII text never calls ICU. Bytes that are not well-formed UTF-8
// count as soft separators; spans always stay inside the input.
//
// Stop words and charabia's language-specific extras (German compound splitting,
// Korean morphemes, Chinese traditional->simplified, Katakana->Hiragana) are not done.
//
// Thread safety: after construction, Tokenize() and TokenizeInto() are const and safe
// from many threads on one instance (ICU iterators come from an internal pool).
// Ownership: a Tokenizer owns copies of its options; it is movable, not copyable.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/indexing/text/token.h"
#include "engine/indexing/text/tokenizer_options.h"

namespace myriad::text {

class SegmentMatcher;
class WordBreaker;

class Tokenizer {
 public:
  explicit Tokenizer(const TokenizerOptions& options = {});
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // The words of `utf8` in text order.
  // REQUIRES: utf8.size() < 4 GiB (spans are 32-bit).
  std::vector<Token> Tokenize(std::string_view utf8) const;

  // Same, appending to *out (reuse one vector across calls to avoid allocations).
  // Positions start at 0 for this text; a caller that joins several values of one
  // field adds its own offset.
  // REQUIRES: out != nullptr; utf8.size() < 4 GiB
  void TokenizeInto(std::string_view utf8, std::vector<Token>* out) const;

 private:
  std::unique_ptr<SegmentMatcher> matcher_;
  std::unique_ptr<WordBreaker> breaker_;
};

}  // namespace myriad::text
