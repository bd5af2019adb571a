// WordDictionary: the sorted set of an index's words, as the typo search reads it.
//
// Words are UTF-8 byte strings in bytewise order, no duplicates, none empty.
// Thread safety: an implementation is a cursor; one thread uses it at a time.
#pragma once

#include <string_view>

#include "util/result.h"

namespace myriad::typo {

class WordDictionary {
 public:
  virtual ~WordDictionary() = default;

  // Positions on the first word >= `key` (bytewise); false when there is none.
  virtual Result<bool> SeekAtLeast(std::string_view key) = 0;
  // Positions on the word after the current one; false at the end.
  // REQUIRES: the last move returned true.
  virtual Result<bool> Next() = 0;
  // The current word, valid until the next move.
  // REQUIRES: the last move returned true.
  virtual std::string_view word() const = 0;
};

}  // namespace myriad::typo
