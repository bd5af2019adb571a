#include "scheduler/room_estimator.h"

#include <algorithm>

namespace myriad::scheduler {

double RoomEstimator::Ratio(const std::string& uid) const {
  auto it = ratios_.find(uid);
  return it == ratios_.end() ? kInitialRatio : it->second;
}

uint64_t RoomEstimator::Estimate(const std::string& uid, uint64_t payload_bytes) const {
  return static_cast<uint64_t>(static_cast<double>(payload_bytes) * Ratio(uid) * kSafety) +
         kFixedBytes;
}

void RoomEstimator::Observe(const std::string& uid, uint64_t payload_bytes, uint64_t needed_bytes) {
  // Tiny tasks say more about page granularity than about the index.
  if (payload_bytes < 4096) return;
  const double observed = static_cast<double>(needed_bytes) / static_cast<double>(payload_bytes);
  auto [it, inserted] = ratios_.try_emplace(uid, observed);
  if (inserted) {
    // The first observation replaces the blind guess, but never below what was seen.
    it->second = std::max(observed, 1.0);
    return;
  }
  it->second = observed > it->second ? observed : std::max(0.9 * it->second + 0.1 * observed, 1.0);
}

}  // namespace myriad::scheduler
