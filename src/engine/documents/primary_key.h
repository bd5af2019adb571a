// Primary keys and document ids, by Meilisearch's rules.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::engine {

// The one field of `first_document` whose lowercased name ends with "id".
// index_primary_key_no_candidate_found when there is none (also for an empty object),
// index_primary_key_multiple_candidates_found when there are several (the message names the
// first two in lexicographic order).
Result<std::string> InferPrimaryKey(const boost::json::object& first_document);

// Whether `id` is a valid string document id: 1 to 511 bytes of [A-Za-z0-9_-].
bool IsValidDocumentId(std::string_view id);

// The external id of `document`: the value of its `primary_key` field, an integer
// (as canonical decimal text) or a valid string id. missing_document_id when the
// field is absent, invalid_document_id for any other value (floats, booleans,
// null, invalid strings, ...).
Result<std::string> ExternalDocumentId(const boost::json::object& document,
                                       std::string_view primary_key);

}  // namespace myriad::engine
