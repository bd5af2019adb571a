// Field distribution: for each top-level field, how many documents have it.
//
// Thread safety: pure functions over values.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::engine {

// Ordered by field name, as Meilisearch returns it.
using FieldCounts = std::map<std::string, uint64_t>;

// Counts the fields of `document` once more.
void AddFields(FieldCounts& distribution, const boost::json::object& document);
// Counts the fields of `document` once less; a field that reaches zero is removed.
// REQUIRES: `document` was counted by AddFields.
void RemoveFields(FieldCounts& distribution, const boost::json::object& document);

std::string EncodeFieldDistribution(const FieldCounts& distribution);
// kCorruption when `text` is not what EncodeFieldDistribution writes.
Result<FieldCounts> DecodeFieldDistribution(std::string_view text);

}  // namespace myriad::engine
