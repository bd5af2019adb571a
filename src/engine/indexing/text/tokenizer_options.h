// TokenizerOptions: the index settings that change how text splits into words.
//
// Thread safety: a value type.
#pragma once

#include <string>
#include <vector>

namespace myriad::text {

struct TokenizerOptions {
  // Setting separatorTokens: extra strings that separate words (soft, unless charabia
  // lists the string as a hard separator). Matched case-sensitively on the raw text.
  std::vector<std::string> separator_tokens;
  // Setting nonSeparatorTokens: default separators that must NOT separate, e.g. "#"
  // so that "C#" stays one word. As in Meilisearch, a string in both lists does not
  // separate.
  std::vector<std::string> non_separator_tokens;
  // Setting dictionary: strings kept as one word wherever they occur, e.g. "J. R. R."
  // (case-sensitive, leftmost-longest match, like charabia's words_dict). A dictionary
  // entry that is also a separator stays a separator.
  std::vector<std::string> dictionary;
};

}  // namespace myriad::text
