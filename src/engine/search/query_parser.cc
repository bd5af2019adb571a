#include "engine/search/query_parser.h"

namespace myriad::engine {

std::vector<QueryUnit> ParseQuery(std::string_view q, const text::Tokenizer& tokenizer,
                                  const std::unordered_set<std::string>& stop_words) {
  std::vector<QueryUnit> units;
  std::vector<QueryUnit> stop_units;  // kept apart in case the query is only stop words
  size_t words = 0;
  size_t start = 0;
  bool in_phrase = false;
  while (start <= q.size() && words < kMaxQueryWords) {
    size_t quote = q.find('"', start);
    // An unclosed quote is plain text.
    if (!in_phrase && quote != std::string_view::npos &&
        q.find('"', quote + 1) == std::string_view::npos) {
      quote = std::string_view::npos;
    }
    const size_t end = quote == std::string_view::npos ? q.size() : quote;
    const std::string_view part = q.substr(start, end - start);
    std::vector<text::Token> tokens = tokenizer.Tokenize(part);
    if (in_phrase) {
      QueryUnit phrase;
      phrase.phrase = true;
      for (text::Token& token : tokens) {
        if (words == kMaxQueryWords) break;
        phrase.stop.push_back(stop_words.contains(token.word));
        phrase.words.push_back(std::move(token.word));
        ++words;
      }
      if (!phrase.words.empty()) units.push_back(std::move(phrase));
    } else {
      for (size_t i = 0; i < tokens.size() && words < kMaxQueryWords; ++i) {
        QueryUnit unit;
        // Still being typed: the query's very last word, nothing after it.
        unit.prefix = quote == std::string_view::npos && i + 1 == tokens.size() &&
                      start + tokens[i].byte_start + tokens[i].byte_len == q.size();
        unit.words.push_back(std::move(tokens[i].word));
        ++words;
        if (!unit.prefix && stop_words.contains(unit.words.front())) {
          stop_units.push_back(std::move(unit));
        } else {
          units.push_back(std::move(unit));
        }
      }
    }
    if (quote == std::string_view::npos) break;
    in_phrase = !in_phrase;
    start = quote + 1;
  }
  return units.empty() ? stop_units : units;
}

}  // namespace myriad::engine
