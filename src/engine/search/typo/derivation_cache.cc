#include "engine/search/typo/derivation_cache.h"

namespace myriad::typo {

std::string DerivationCache::Key(std::string_view word, bool prefix) {
  std::string key(word);
  key += prefix ? '*' : '=';  // the last byte alone tells: no two keys collide
  return key;
}

DerivationCache::Derivations DerivationCache::Find(std::string_view word, bool prefix) const {
  const std::string key = Key(word, prefix);
  MutexLock lock(mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void DerivationCache::Insert(std::string_view word, bool prefix, Derivations derivations) {
  const size_t n = derivations->size();
  std::string key = Key(word, prefix);
  MutexLock lock(mu_);
  if (derivations_ + n > max_) {
    entries_.clear();
    derivations_ = 0;
  }
  // Another search may have derived it first: theirs stays.
  if (entries_.emplace(std::move(key), std::move(derivations)).second) derivations_ += n;
}

size_t DerivationCache::size() const {
  MutexLock lock(mu_);
  return entries_.size();
}

}  // namespace myriad::typo
