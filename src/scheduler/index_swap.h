// Index swaps (POST /swap-indexes, task type `indexSwap`): the task's `details`
// shape and Meilisearch's checks, at registration and when the task runs.
//
// A swap task's details are Meilisearch's: {"swaps": [{"indexes": [lhs, rhs],
// "rename": bool}, ...]}; the scheduler reads the swaps back from them.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "index_mapper/index_meta.h"

namespace myriad::scheduler {

// The `details` of a swap task.
boost::json::object SwapDetails(const std::vector<index_mapper::IndexSwap>& swaps);
// The swaps of a swap task's details (malformed entries are skipped: the HTTP
// layer wrote them).
std::vector<index_mapper::IndexSwap> SwapsOf(const boost::json::object& details);

// A check that failed: Meilisearch's error code and message.
struct SwapRefusal {
  std::string code;
  std::string message;
};

// At registration: an index named twice in one request
// (invalid_swap_duplicate_index_found).
std::optional<SwapRefusal> CheckSwapDuplicates(const std::vector<index_mapper::IndexSwap>& swaps);

// When the task runs, against the catalogue as it is: every lhs exists, every
// rhs exists unless it is renamed onto (index_not_found), and a rename's rhs is
// free (index_already_exists).
std::optional<SwapRefusal> CheckSwapTargets(
    const std::vector<index_mapper::IndexSwap>& swaps,
    const std::function<bool(const std::string& uid)>& exists);

}  // namespace myriad::scheduler
