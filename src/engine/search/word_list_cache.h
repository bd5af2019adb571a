// WordListCache: the word lists (typo/word_list.h) of the indexes searched
// lately, each valid for one snapshot of its index: storage::Txn::SnapshotId,
// the id of the last write the read transaction sees. A write to the index
// makes a new snapshot, so a list is never used for words it does not hold.
//
// A list is built only on the `build_after`-th search of one snapshot (the
// searches before walk LMDB): an index written between every few searches
// never pays for lists it would not use, and reading one costs about as much
// as a few walks (a few ms for 90,000 words).
//
// Thread safety: every method may be called from many threads. Ownership: the
// lists are shared with the searches using them, which keep them alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/search/typo/word_list.h"
#include "util/mutex.h"
#include "util/result.h"

namespace myriad::engine {

class WordListCache {
 public:
  // `max_bytes` bounds the lists held (least recently used go first).
  explicit WordListCache(size_t max_bytes = size_t{64} << 20, int build_after = 4)
      : max_bytes_(max_bytes), build_after_(build_after) {}

  // The list of `index` (a key naming one env for its whole life, such as
  // the index's uuid) at `snapshot`, or null while it is not worth building;
  // `read` reads the words when it is. Fails only when `read` does.
  Result<std::shared_ptr<const typo::WordList>> Get(
      std::string_view index, uint64_t snapshot,
      const std::function<Result<typo::WordList>()>& read);

  // What the cached lists hold in memory.
  size_t bytes() const;

 private:
  struct Entry {
    uint64_t snapshot = 0;
    int searches = 0;  // of `snapshot`
    std::shared_ptr<const typo::WordList> list;
    uint64_t last_used = 0;
  };

  void EvictLocked() REQUIRES(mu_);

  const size_t max_bytes_;
  const int build_after_;
  mutable Mutex mu_;
  std::unordered_map<std::string, Entry> entries_ GUARDED_BY(mu_);
  size_t bytes_ GUARDED_BY(mu_) = 0;
  uint64_t clock_ GUARDED_BY(mu_) = 0;
};

// Where a search may take its index's word list from.
struct WordListSource {
  WordListCache& cache;
  std::string_view index;  // as WordListCache::Get's
};

}  // namespace myriad::engine
