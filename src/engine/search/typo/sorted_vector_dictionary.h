// SortedVectorDictionary: a WordDictionary over words held in memory.
//
// Thread safety: as WordDictionary. Ownership: borrows the vector, which must
// outlive the dictionary and stay unchanged while it is used.
#pragma once

#include <string>
#include <vector>

#include "engine/search/typo/word_dictionary.h"

namespace myriad::typo {

class SortedVectorDictionary final : public WordDictionary {
 public:
  // REQUIRES: `words` sorted bytewise (std::string's order), unique, none empty.
  explicit SortedVectorDictionary(const std::vector<std::string>& words) : words_(words) {}

  Result<bool> SeekAtLeast(std::string_view key) override;
  Result<bool> Next() override;
  std::string_view word() const override { return words_[pos_]; }

 private:
  const std::vector<std::string>& words_;
  size_t pos_ = 0;
};

}  // namespace myriad::typo
