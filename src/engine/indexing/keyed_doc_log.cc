#include "engine/indexing/keyed_doc_log.h"

#include <algorithm>
#include <array>
#include <bit>

namespace myriad::engine {

void KeyedDocLog::Sort(std::vector<Entry>& scratch) {
  if (entries_.size() < 2) return;
  // LSD radix sort over the key bits that vary, 11 at a time: stable, one
  // counting pass for every digit, then one scattering pass per digit, where a
  // comparison sort makes ~log2(n) passes.
  uint64_t any = 0;
  uint64_t all = ~uint64_t{0};
  for (const Entry& e : entries_) {
    any |= e.key();
    all &= e.key();
  }
  const uint64_t varying = any ^ all;
  if (varying == 0) return;
  constexpr int kDigitBits = 11;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  const int low = std::countr_zero(varying);
  const int digits = (64 - std::countl_zero(varying) - low + kDigitBits - 1) / kDigitBits;
  std::vector<std::array<size_t, kBuckets>> offsets(static_cast<size_t>(digits));
  for (const Entry& e : entries_) {
    for (int d = 0; d < digits; ++d)
      ++offsets[d][(e.key() >> (low + d * kDigitBits)) & (kBuckets - 1)];
  }
  scratch.resize(entries_.size());
  for (int d = 0; d < digits; ++d) {
    std::array<size_t, kBuckets>& offset = offsets[d];
    // A digit every key shares (the zero bits between a pair's two word ids)
    // orders nothing.
    if (std::find(offset.begin(), offset.end(), entries_.size()) != offset.end()) continue;
    size_t sum = 0;
    for (size_t& o : offset) {
      const size_t count = o;
      o = sum;
      sum += count;
    }
    const int shift = low + d * kDigitBits;
    for (const Entry& e : entries_) scratch[offset[(e.key() >> shift) & (kBuckets - 1)]++] = e;
    entries_.swap(scratch);
  }
}

void KeyedDocLog::Clear(bool keep_memory) {
  entries_.clear();
  if (!keep_memory) entries_.shrink_to_fit();
}

}  // namespace myriad::engine
