// Parsing a search query (`q`) into the units the ranking rules count: single
// words (the last one a prefix while the user is still typing) and phrases in
// double quotes, as Meilisearch does.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/indexing/text/tokenizer.h"

namespace myriad::engine {

// Meilisearch keeps the first 10 words of a query.
inline constexpr size_t kMaxQueryWords = 10;

struct QueryUnit {
  // Normalized words: one for a word, several for a phrase.
  std::vector<std::string> words;
  bool phrase = false;
  // Phrases: which words are stop words. They are not indexed, so they are not
  // looked up, but they keep their place in the phrase.
  std::vector<bool> stop;
  // The last word of the query, not followed by a separator: it matches as a prefix.
  bool prefix = false;
};

// The query's units in order. Stop words outside phrases are dropped, unless the
// query holds nothing else.
std::vector<QueryUnit> ParseQuery(std::string_view q, const text::Tokenizer& tokenizer,
                                  const std::unordered_set<std::string>& stop_words);

}  // namespace myriad::engine
