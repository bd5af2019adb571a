// KeyedDocLog: the (key, document) pairs that one write transaction adds to, or
// removes from, the bitmaps of one database, kept in one flat vector and sorted
// once (a radix sort on the key) before they are written. For the millions of
// entries of a large batch this costs a fraction of a list per key: no
// allocation per key, a few linear passes.
//
// The key is a database's key packed in 64 bits (sdbs::PackWordKey, a word
// pair, ...); its meaning belongs to the caller.
//
// Thread safety: none (one writer, one thread).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "util/status.h"

namespace myriad::engine {

class KeyedDocLog {
 public:
  // 12 bytes, the key as two halves: the logs of a large batch hold tens of
  // millions of entries.
  struct Entry {
    uint32_t key_low;
    uint32_t key_high;
    uint32_t doc;
    uint64_t key() const { return (uint64_t{key_high} << 32) | key_low; }
    void set_key(uint64_t key) {
      key_low = static_cast<uint32_t>(key);
      key_high = static_cast<uint32_t>(key >> 32);
    }
  };
  static_assert(sizeof(Entry) == 12);

  void Add(uint64_t key, uint32_t doc) {
    entries_.push_back(Entry{static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32), doc});
  }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }

  // Sorts by key; the entries of one key keep the order they were added in.
  // `scratch`: working memory, reused by the caller across sorts.
  void Sort(std::vector<Entry>& scratch);
  // Forgets every entry; frees their memory unless `keep_memory` (the log is
  // about to grow as large again).
  void Clear(bool keep_memory = false);

 private:
  std::vector<Entry> entries_;
};

// What one write transaction adds to and removes from one database's bitmaps.
// REQUIRES of the writer: a document's adds and removes under one key are
// never both recorded, so their order does not matter (a pair may repeat).
struct KeyedDocDelta {
  KeyedDocLog added;
  KeyedDocLog removed;

  size_t size() const { return added.size() + removed.size(); }
  void Clear(bool keep_memory = false) {
    added.Clear(keep_memory);
    removed.Clear(keep_memory);
  }
  // Sorts both logs, then calls fn(key, added documents, removed documents)
  // for every key of either in increasing key order, and clears them (as
  // Clear(keep_memory)); the spans are valid during the call. Stops at the
  // first error fn returns. `scratch`: as for KeyedDocLog::Sort.
  template <typename Fn>
  Status Drain(std::vector<KeyedDocLog::Entry>& scratch, bool keep_memory, Fn fn) {
    added.Sort(scratch);
    removed.Sort(scratch);
    std::vector<uint32_t> adds;
    std::vector<uint32_t> removes;
    const std::vector<KeyedDocLog::Entry>& a = added.entries();
    const std::vector<KeyedDocLog::Entry>& r = removed.entries();
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() || j < r.size()) {
      const uint64_t key =
          j == r.size() || (i < a.size() && a[i].key() <= r[j].key()) ? a[i].key() : r[j].key();
      adds.clear();
      removes.clear();
      for (; i < a.size() && a[i].key() == key; ++i) adds.push_back(a[i].doc);
      for (; j < r.size() && r[j].key() == key; ++j) removes.push_back(r[j].doc);
      MYRIAD_RETURN_IF_ERROR(
          fn(key, std::span<const uint32_t>(adds), std::span<const uint32_t>(removes)));
    }
    Clear(keep_memory);
    return Status::Ok();
  }
};

}  // namespace myriad::engine
