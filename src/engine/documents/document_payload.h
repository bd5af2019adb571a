// Parsing of document payloads (the bodies of POST/PUT /indexes/{uid}/documents)
// into documents, by Meilisearch's rules.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "engine/documents/payload_format.h"
#include "util/result.h"

namespace myriad::engine {

// The documents of `body`:
// - kJson: an array of objects, or a single object;
// - kNdjson: one object per line, blank lines skipped;
// - kCsv: RFC 4180 with `csv_delimiter`; a header row names the fields, a
//   `name:number` or `name:boolean` header types its column (`name:string` and
//   any other suffix: strings); an empty cell is null; CRLF or LF line ends.
// Integers stay int64 (uint64 above INT64_MAX); other numbers become double.
// Errors: missing_payload for an empty (or all-whitespace) body; malformed_payload
// when it does not parse; invalid_document_csv_delimiter for kCsv with a delimiter that is a
// quote, a line break or not ASCII.
Result<std::vector<boost::json::object>> ParseDocuments(std::string_view body, PayloadFormat format,
                                                        char csv_delimiter = ',');

// What ParseDocuments would accept, without building the documents: how many
// there are, or the same error. For refusing a bad payload before it is queued.
Result<uint64_t> CountDocuments(std::string_view body, PayloadFormat format,
                                char csv_delimiter = ',');

// The `csvDelimiter` query parameter as a delimiter: exactly one ASCII character,
// else invalid_document_csv_delimiter.
Result<char> ParseCsvDelimiter(std::string_view param);

}  // namespace myriad::engine
