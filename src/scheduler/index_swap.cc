#include "scheduler/index_swap.h"

#include <boost/json/array.hpp>
#include <set>

namespace myriad::scheduler {
namespace {

// "`a`, `b`", as Meilisearch lists index uids in its swap errors.
std::string Quoted(const std::set<std::string>& uids) {
  std::string out;
  for (const std::string& uid : uids) {
    if (!out.empty()) out += ", ";
    out += "`" + uid + "`";
  }
  return out;
}

}  // namespace

boost::json::object SwapDetails(const std::vector<index_mapper::IndexSwap>& swaps) {
  boost::json::array list;
  for (const index_mapper::IndexSwap& s : swaps) {
    list.push_back(
        boost::json::object{{"indexes", boost::json::array{s.lhs, s.rhs}}, {"rename", s.rename}});
  }
  return boost::json::object{{"swaps", std::move(list)}};
}

std::vector<index_mapper::IndexSwap> SwapsOf(const boost::json::object& details) {
  std::vector<index_mapper::IndexSwap> swaps;
  const boost::json::value* list = details.if_contains("swaps");
  if (list == nullptr || !list->is_array()) return swaps;
  for (const boost::json::value& entry : list->get_array()) {
    const boost::json::object* swap = entry.if_object();
    const boost::json::value* indexes = swap ? swap->if_contains("indexes") : nullptr;
    if (indexes == nullptr || !indexes->is_array() || indexes->get_array().size() != 2 ||
        !indexes->get_array()[0].is_string() || !indexes->get_array()[1].is_string()) {
      continue;
    }
    const boost::json::value* rename = swap->if_contains("rename");
    swaps.push_back({std::string(indexes->get_array()[0].get_string()),
                     std::string(indexes->get_array()[1].get_string()),
                     rename != nullptr && rename->is_bool() && rename->get_bool()});
  }
  return swaps;
}

std::optional<SwapRefusal> CheckSwapDuplicates(const std::vector<index_mapper::IndexSwap>& swaps) {
  std::set<std::string> seen, twice;
  for (const index_mapper::IndexSwap& s : swaps) {
    for (const std::string& uid : {s.lhs, s.rhs}) {
      if (!seen.insert(uid).second) twice.insert(uid);
    }
  }
  if (twice.empty()) return std::nullopt;
  return SwapRefusal{"invalid_swap_duplicate_index_found",
                     "Indexes must be declared only once during a swap. " + Quoted(twice) +
                         (twice.size() == 1 ? " was" : " were") + " specified several times."};
}

std::optional<SwapRefusal> CheckSwapTargets(
    const std::vector<index_mapper::IndexSwap>& swaps,
    const std::function<bool(const std::string& uid)>& exists) {
  std::set<std::string> missing, taken;
  std::optional<index_mapper::IndexSwap> first_taken;
  for (const index_mapper::IndexSwap& s : swaps) {
    if (!exists(s.lhs)) missing.insert(s.lhs);
    const bool rhs_exists = exists(s.rhs);
    if (!s.rename && !rhs_exists) missing.insert(s.rhs);
    if (s.rename && rhs_exists) {
      taken.insert(s.rhs);
      if (!first_taken) first_taken = s;
    }
  }
  if (missing.size() == 1) {
    return SwapRefusal{"index_not_found", "Index " + Quoted(missing) + " not found."};
  }
  if (!missing.empty()) {
    return SwapRefusal{"index_not_found", "Indexes " + Quoted(missing) + " not found."};
  }
  if (taken.size() == 1) {
    return SwapRefusal{"index_already_exists",
                       "Cannot rename `" + first_taken->lhs + "` to `" + first_taken->rhs +
                           "` as the index already exists. Hint: You can remove `" +
                           first_taken->rhs + "` first and then do your remove."};
  }
  if (!taken.empty()) {
    return SwapRefusal{"index_already_exists",
                       "The following indexes are being renamed but cannot because their new "
                       "name conflicts with an already existing index: " +
                           Quoted(taken) + ". Renaming doesn't overwrite the other index name."};
  }
  return std::nullopt;
}

}  // namespace myriad::scheduler
