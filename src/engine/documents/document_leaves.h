// Flattening a document as Meilisearch does: nested objects give dotted paths
// ("author.name"), and array elements keep the array's path, so
// {"a":[{"b":1},{"b":2}]} has the leaves a.b=1 and a.b=2.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace myriad::engine {

struct Leaf {
  const std::string& path;
  // A scalar (string, number, bool, null), or an empty array or object.
  const boost::json::value& value;
  // The element's index in the outermost array on its path; -1 outside arrays.
  int32_t array_index;
};

// Calls `f` for every leaf of `document`, in document order.
void ForEachLeaf(const boost::json::object& document, const std::function<void(const Leaf&)>& f);

}  // namespace myriad::engine
