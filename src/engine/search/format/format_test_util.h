// Test helpers: a MatchFn built from query words, as the search engine derives them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/indexing/text/normalize.h"
#include "engine/search/format/word_match.h"

namespace myriad::format::testing {

// Query words in query order (their index is the query word id). A word ending in '*'
// also matches as a prefix, as Meilisearch's last query word does; the prefix match
// highlights only as many characters as the query word has.
inline MatchFn QueryMatcher(std::vector<std::string> words) {
  struct Word {
    std::string normalized;
    bool prefix;
    size_t chars;
  };
  std::vector<Word> query;
  for (std::string& w : words) {
    const bool prefix = !w.empty() && w.back() == '*';
    if (prefix) w.pop_back();
    std::string n = text::NormalizeWord(w);
    size_t chars = 0;
    for (unsigned char c : n) chars += (c & 0xC0) != 0x80;
    query.push_back({std::move(n), prefix, chars});
  }
  return [query = std::move(query)](const text::Token& token,
                                    std::string_view original) -> std::optional<WordMatch> {
    for (size_t i = 0; i < query.size(); ++i) {
      const Word& w = query[i];
      if (token.word == w.normalized) return WordMatch{0, static_cast<uint32_t>(i)};
      if (w.prefix && token.word.starts_with(w.normalized)) {
        return WordMatch{OriginalPrefixBytes(original, w.chars), static_cast<uint32_t>(i)};
      }
    }
    return std::nullopt;
  };
}

}  // namespace myriad::format::testing
