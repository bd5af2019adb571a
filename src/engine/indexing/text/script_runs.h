// Splitting a separator-free stretch of text where its script changes, as charabia
// does before choosing a segmenter: "東京tokyo" is two runs, "abcпривет" too. Digits,
// punctuation and marks (ICU's Common/Inherited scripts) join the run around them;
// Han, Hiragana and Katakana count as one script (charabia's "Cj").
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace myriad::text {

struct ScriptRun {
  size_t begin;
  size_t end;
  // Chinese, Japanese, Thai, Lao, Khmer, Myanmar: words are not delimited by
  // separators, the run needs a dictionary-based segmenter (ICU's word breaker).
  bool needs_dictionary;
};

// Appends the runs of text[begin, end) to *out, in order, covering it exactly.
// REQUIRES: begin < end <= text.size(); out != nullptr
void SplitScriptRuns(std::string_view text, size_t begin, size_t end, std::vector<ScriptRun>* out);

}  // namespace myriad::text
