// WordBreaker: ICU's dictionary-based word segmentation (root locale) for scripts
// written without spaces: "东京大学的学生" -> 东京 / 大学 / 的 / 学生.
//
// Thread safety: Split() is safe from many threads at once. ICU break iterators are
// not thread-safe, so the breaker keeps a small pool of clones, taken and returned
// under a mutex that is held only for the take/return, never during segmentation.
// ICU's rules are loaded on the first Split.
#pragma once

#include <unicode/uversion.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "util/mutex.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace myriad::text {

class WordBreaker {
 public:
  WordBreaker();
  ~WordBreaker();
  WordBreaker(const WordBreaker&) = delete;
  WordBreaker& operator=(const WordBreaker&) = delete;

  // Appends to *words the [begin, end) byte ranges of text that are words: segments
  // holding a letter, digit, ideograph or other visible symbol. If ICU's break rules
  // could not be loaded, the whole range is one word.
  // REQUIRES: begin < end <= text.size(); text[begin, end) is well-formed UTF-8;
  //           words != nullptr
  void Split(std::string_view text, size_t begin, size_t end,
             std::vector<std::pair<size_t, size_t>>* words) const;

 private:
  // A pooled iterator or a new clone; null if ICU's rules could not be loaded.
  std::unique_ptr<icu::BreakIterator> Take() const;
  void Give(std::unique_ptr<icu::BreakIterator> it) const;

  mutable Mutex mu_;
  mutable bool prototype_tried_ GUARDED_BY(mu_) = false;
  mutable std::unique_ptr<icu::BreakIterator> prototype_ GUARDED_BY(mu_);  // null if ICU failed
  mutable std::vector<std::unique_ptr<icu::BreakIterator>> pool_ GUARDED_BY(mu_);
};

}  // namespace myriad::text
