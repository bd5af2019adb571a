#include "engine/indexing/text/word_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace myriad::text {
namespace {

// Keeps the pool small: a process has few threads tokenizing at once.
constexpr size_t kMaxPooled = 16;

bool HasVisibleCharacter(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && u_isgraph(c) && u_charType(c) != U_FORMAT_CHAR &&
        u_charType(c) != U_NON_SPACING_MARK) {
      return true;
    }
  }
  return false;
}

}  // namespace

WordBreaker::WordBreaker() = default;
WordBreaker::~WordBreaker() = default;

std::unique_ptr<icu::BreakIterator> WordBreaker::Take() const {
  MutexLock lock(mu_);
  if (!pool_.empty()) {
    std::unique_ptr<icu::BreakIterator> it = std::move(pool_.back());
    pool_.pop_back();
    return it;
  }
  // Made on first use: a tokenizer is built per search, and most texts never
  // reach ICU.
  if (!prototype_tried_) {
    prototype_tried_ = true;
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) prototype_.reset();
  }
  return prototype_ ? std::unique_ptr<icu::BreakIterator>(prototype_->clone()) : nullptr;
}

void WordBreaker::Give(std::unique_ptr<icu::BreakIterator> it) const {
  MutexLock lock(mu_);
  if (pool_.size() < kMaxPooled) pool_.push_back(std::move(it));
}

void WordBreaker::Split(std::string_view text, size_t begin, size_t end,
                        std::vector<std::pair<size_t, size_t>>* words) const {
  std::unique_ptr<icu::BreakIterator> it = Take();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  const std::string_view run = text.substr(begin, end - begin);
  if (it) {
    utext_openUTF8(&ut, run.data(), static_cast<int64_t>(run.size()), &status);
    if (U_SUCCESS(status)) it->setText(&ut, status);
  }
  if (!it || U_FAILURE(status)) {
    words->emplace_back(begin, end);
  } else {
    // Native indices of a UTF-8 UText are byte offsets into `run`.
    int32_t start = it->first();
    for (int32_t stop = it->next(); stop != icu::BreakIterator::DONE;
         start = stop, stop = it->next()) {
      const std::string_view segment = run.substr(start, stop - start);
      if (it->getRuleStatus() != UBRK_WORD_NONE || HasVisibleCharacter(segment)) {
        words->emplace_back(begin + start, begin + stop);
      }
    }
  }
  utext_close(&ut);
  if (it) Give(std::move(it));
}

}  // namespace myriad::text
