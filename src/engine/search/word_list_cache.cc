#include "engine/search/word_list_cache.h"

#include <algorithm>
#include <vector>

namespace myriad::engine {
namespace {

// Entries that only count searches are dropped past this many, so that
// searches over 100,000 indexes do not keep 100,000 counters.
constexpr size_t kMaxEntries = 4096;

}  // namespace

Result<std::shared_ptr<const typo::WordList>> WordListCache::Get(
    std::string_view index, uint64_t snapshot,
    const std::function<Result<typo::WordList>()>& read) {
  {
    MutexLock lock(mu_);
    Entry& e = entries_[std::string(index)];
    e.last_used = ++clock_;
    if (e.snapshot == snapshot && e.list) return e.list;
    if (e.snapshot != snapshot) {
      if (e.list) bytes_ -= e.list->bytes();
      e = Entry{snapshot, 0, nullptr, e.last_used};
    }
    if (++e.searches < build_after_) {
      if (entries_.size() > kMaxEntries) EvictLocked();
      return std::shared_ptr<const typo::WordList>();
    }
  }
  // Read outside the lock: other indexes' searches go on meanwhile. Two
  // searches of one snapshot may both read; the second list replaces the first.
  MYRIAD_ASSIGN_OR_RETURN(typo::WordList words, read());
  auto list = std::make_shared<const typo::WordList>(std::move(words));
  MutexLock lock(mu_);
  Entry& e = entries_[std::string(index)];
  if (e.snapshot <= snapshot) {  // snapshots of one env only grow
    if (e.list) bytes_ -= e.list->bytes();
    e.snapshot = snapshot;
    e.list = list;
    bytes_ += list->bytes();
    EvictLocked();
  }
  return list;
}

size_t WordListCache::bytes() const {
  MutexLock lock(mu_);
  return bytes_;
}

void WordListCache::EvictLocked() {
  if (entries_.size() > kMaxEntries) {
    std::erase_if(entries_, [](const auto& kv) { return !kv.second.list; });
  }
  while (bytes_ > max_bytes_) {
    auto oldest = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.list &&
          (oldest == entries_.end() || it->second.last_used < oldest->second.last_used)) {
        oldest = it;
      }
    }
    if (oldest == entries_.end()) break;
    bytes_ -= oldest->second.list->bytes();
    entries_.erase(oldest);
  }
}

}  // namespace myriad::engine
