#include "engine/search/typo/sorted_vector_dictionary.h"

#include <algorithm>

namespace myriad::typo {

Result<bool> SortedVectorDictionary::SeekAtLeast(std::string_view key) {
  pos_ = static_cast<size_t>(
      std::lower_bound(words_.begin(), words_.end(), key,
                       [](const std::string& w, std::string_view k) { return w < k; }) -
      words_.begin());
  return pos_ < words_.size();
}

Result<bool> SortedVectorDictionary::Next() {
  ++pos_;
  return pos_ < words_.size();
}

}  // namespace myriad::typo
