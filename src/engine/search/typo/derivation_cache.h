// DerivationCache: the derivations (derive_words.h) of the query words searched
// lately on one snapshot of an index's words. Searching as one types sends
// every earlier word again with each key ("libreoffice w", "libreoffice wr",
// ...), and a long word's two-typo walk costs about half a millisecond: each
// is walked once per snapshot.
//
// It lives with the WordList of that snapshot (word_list.h), so a write to the
// index, which makes a new list, also starts a new cache; the typo settings
// are part of the snapshot too.
//
// Thread safety: every method may be called from many threads (one mutex,
// never held during a walk). Ownership: the derivations are shared with the
// searches using them, which keep them alive.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/search/typo/derive_words.h"
#include "util/mutex.h"

namespace myriad::typo {

class DerivationCache {
 public:
  using Derivations = std::shared_ptr<const std::vector<Derivation>>;

  // `max_derivations` bounds what it holds: past it, it starts over.
  explicit DerivationCache(size_t max_derivations = 1 << 16) : max_(max_derivations) {}

  // The derivations of `word` (as a prefix when `prefix`), or null when not
  // cached.
  Derivations Find(std::string_view word, bool prefix) const;
  void Insert(std::string_view word, bool prefix, Derivations derivations);

  size_t size() const;  // words cached

 private:
  static std::string Key(std::string_view word, bool prefix);

  const size_t max_;
  mutable Mutex mu_;
  std::unordered_map<std::string, Derivations> entries_ GUARDED_BY(mu_);
  size_t derivations_ GUARDED_BY(mu_) = 0;
};

}  // namespace myriad::typo
