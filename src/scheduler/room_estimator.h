// RoomEstimator: how much room a document task will need in its index's map,
// learned per index from the tasks before it.
//
// A task's need is what it wrote: the growth of the env's used bytes (last page,
// what MDB_MAP_FULL is about) plus the free pages it reused, because the next
// task may find none to reuse (used up, or pinned by a reader) and then takes
// all it writes from the end of the file. The estimate is payload bytes x the
// index's learned ratio x a safety factor. The ratio starts high (an index's first batch knows
// nothing: room costs address space only, never disk), jumps up at once when a
// task needed more than predicted, and decays slowly when tasks need less, so
// one small update does not undo what a large one taught.
//
// Thread safety: not thread-safe; the scheduler thread owns it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace myriad::scheduler {

class RoomEstimator {
 public:
  // Ratio of used-bytes growth to payload bytes assumed for an index with no history.
  static constexpr double kInitialRatio = 8.0;
  // Predictions are the learned ratio times this.
  static constexpr double kSafety = 1.5;
  // Fixed room for a task's B-tree copy-on-write pages, whatever its size.
  static constexpr uint64_t kFixedBytes = 256 * 1024;

  // Bytes to ask EnsureRoom for before applying `payload_bytes` to index `uid`.
  uint64_t Estimate(const std::string& uid, uint64_t payload_bytes) const;

  // Records that applying `payload_bytes` to `uid` wrote `needed_bytes`: the
  // growth of its used bytes plus the free pages it reused.
  void Observe(const std::string& uid, uint64_t payload_bytes, uint64_t needed_bytes);

  // Forgets an index (deleted, or renamed away).
  void Forget(const std::string& uid) { ratios_.erase(uid); }

  // The learned ratio of `uid` (kInitialRatio when none), for tests and logs.
  double Ratio(const std::string& uid) const;

 private:
  std::unordered_map<std::string, double> ratios_;
};

}  // namespace myriad::scheduler
