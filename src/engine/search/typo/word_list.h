// WordList: an index's words copied into one buffer, in order, for the typo
// walk. Walking LMDB's B-tree costs a descent per seek; the walk seeks a
// hundred times or more for a typical query word, always forward, which a
// galloping search over adjacent memory answers in a few comparisons.
//
// It also carries the DerivationCache of its snapshot: a list is made for one
// snapshot of an index, and so are the derivations walked over it.
//
// Thread safety: immutable after Read but for its cache (itself thread-safe);
// any number of WordListDictionary cursors may read one list from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/typo/derivation_cache.h"
#include "engine/search/typo/word_dictionary.h"
#include "util/result.h"

namespace myriad::typo {

class WordList {
 public:
  // Every word of `source`, in its order. REQUIRES: fewer than 4 GiB of words.
  static Result<WordList> Read(WordDictionary& source);

  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  // What the list holds in memory.
  size_t bytes() const { return bytes_.capacity() + ends_.capacity() * sizeof(uint32_t); }

  // The derivations walked over this list (thread-safe, shared by its readers).
  DerivationCache& derivations() const { return *derivations_; }

 private:
  std::unique_ptr<DerivationCache> derivations_ = std::make_unique<DerivationCache>();
  std::string bytes_;
  std::vector<uint32_t> ends_;  // word i is bytes_[ends_[i - 1], ends_[i])
};

// A WordDictionary over a WordList. Borrows the list, which must outlive it.
class WordListDictionary final : public WordDictionary {
 public:
  explicit WordListDictionary(const WordList& words) : words_(words) {}

  // Gallops forward from the current word when `key` lies ahead of it, else
  // searches the whole list.
  Result<bool> SeekAtLeast(std::string_view key) override;
  Result<bool> Next() override { return ++pos_ < words_.size(); }
  std::string_view word() const override { return words_[pos_]; }

 private:
  const WordList& words_;
  size_t pos_ = 0;
};

}  // namespace myriad::typo
