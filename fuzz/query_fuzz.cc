// The query string on any input: tokenized and split into words and phrases.
// Properties: at most kMaxQueryWords words are searched (as Meilisearch caps
// them), no unit is empty, each word has its stop flag, and only the last unit
// can be a prefix.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "engine/indexing/text/tokenizer.h"
#include "engine/search/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const myriad::text::Tokenizer tokenizer{myriad::text::TokenizerOptions{}};
  static const std::unordered_set<std::string> stop_words = {"the", "of"};
  const std::string_view q(reinterpret_cast<const char*>(data), size);
  const auto units = myriad::engine::ParseQuery(q, tokenizer, stop_words);
  size_t words = 0;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].words.empty()) __builtin_trap();
    if (units[i].phrase && units[i].stop.size() != units[i].words.size()) __builtin_trap();
    if (units[i].prefix && i + 1 != units.size()) __builtin_trap();
    words += units[i].words.size();
  }
  if (words > myriad::engine::kMaxQueryWords) __builtin_trap();
  return 0;
}
