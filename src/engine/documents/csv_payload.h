// CSV payloads, for ParseDocuments (see document_payload.h for the rules).
//
// Hand-written: no CSV library is packaged for C++ in Debian 12, and RFC 4180
// with Meilisearch's typed headers is a small state machine.
//
// Thread safety: pure function.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace myriad::engine {

// REQUIRES: `body` is not blank; `delimiter` is ASCII, not '"', '\r' or '\n'.
Result<std::vector<boost::json::object>> ParseCsvDocuments(std::string_view body, char delimiter);

}  // namespace myriad::engine
