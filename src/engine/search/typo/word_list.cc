#include "engine/search/typo/word_list.h"

#include <algorithm>

namespace myriad::typo {

Result<WordList> WordList::Read(WordDictionary& source) {
  WordList list;
  MYRIAD_ASSIGN_OR_RETURN(bool on, source.SeekAtLeast(""));
  while (on) {
    list.bytes_ += source.word();
    list.ends_.push_back(static_cast<uint32_t>(list.bytes_.size()));
    MYRIAD_ASSIGN_OR_RETURN(on, source.Next());
  }
  list.bytes_.shrink_to_fit();
  list.ends_.shrink_to_fit();
  return list;
}

Result<bool> WordListDictionary::SeekAtLeast(std::string_view key) {
  // Every word before lo is < key; the first word >= key is in [lo, hi].
  size_t lo = 0;
  size_t hi = words_.size();
  if (pos_ < hi && words_[pos_] < key) {
    lo = pos_ + 1;
    size_t step = 1;
    while (lo + step - 1 < hi && words_[lo + step - 1] < key) {
      lo += step;
      step *= 2;
    }
    hi = std::min(hi, lo + step - 1);
  }
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (words_[mid] < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  pos_ = lo;
  return pos_ < words_.size();
}

}  // namespace myriad::typo
