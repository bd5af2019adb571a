// Restricting a document to the fields a request asks for (`fields=`).
//
// Thread safety: pure function.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace myriad::engine {

// The top-level fields of `document` named in `fields`, in the document's order;
// all of them when `fields` contains "*". Names absent from the document are skipped.
boost::json::object SelectFields(const boost::json::object& document,
                                 const std::vector<std::string>& fields);

}  // namespace myriad::engine
