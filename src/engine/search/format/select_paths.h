// SelectPaths: keep the parts of a document that dotted attribute paths name, with
// Meilisearch's permissive JSON pointer rules (permissive-json-pointer select_values):
// "a" keeps the whole value of a; "a.b" keeps key b inside object a, inside every
// object of array a; a key that itself contains dots ("a.b") is kept by the selector
// "a.b"; a parent kept only for its children appears even if none of them is there.
//
// Thread safety: pure function.
#pragma once

#include <boost/json/object.hpp>
#include <span>
#include <string>

namespace myriad::format {

// The selected parts of `document` (moved out of it), in document order.
boost::json::object SelectPaths(boost::json::object&& document,
                                std::span<const std::string> selectors);

}  // namespace myriad::format
