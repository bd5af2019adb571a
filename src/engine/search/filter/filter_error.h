// The error of a filter that cannot be parsed or used, worded exactly as
// Meilisearch words it.  The caller picks the error code
// (`invalid_search_filter` for search, `invalid_document_filter` for
// documents...); the message is the same.
//
// Thread safety: a value type.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace myriad::filter {

struct FilterError {
  std::string message;
};

// "<text>\n<c1>:<c2> <source>": Meilisearch's diagnostic, where c1 is the
// 1-based char column of `begin` within its line and c2 = c1 + the number of
// chars in source[begin, end).  `text` carries no trailing newline.
std::string FormatDiagnostic(std::string_view text, std::string_view source, std::size_t begin,
                             std::size_t end);

}  // namespace myriad::filter
