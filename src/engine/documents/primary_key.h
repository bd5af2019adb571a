// Primary keys and document ids, by Meilisearch's rules.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "engine/documents/engine_error.h"

namespace myriad::engine {

// The one field of `first_document` whose lowercased name ends with "id".
// kPrimaryKeyNoCandidate when there is none (also for an empty object),
// kPrimaryKeyMultipleCandidates when there are several (the message names the
// first two in lexicographic order).
EngineResult<std::string> InferPrimaryKey(const boost::json::object& first_document);

// Whether `id` is a valid string document id: 1 to 511 bytes of [A-Za-z0-9_-].
bool IsValidDocumentId(std::string_view id);

// The external id of `document`: the value of its `primary_key` field, an integer
// (as canonical decimal text) or a valid string id. kMissingDocumentId when the
// field is absent, kInvalidDocumentId for any other value (floats, booleans,
// null, invalid strings, ...).
EngineResult<std::string> ExternalDocumentId(const boost::json::object& document,
                                             std::string_view primary_key);

}  // namespace myriad::engine
