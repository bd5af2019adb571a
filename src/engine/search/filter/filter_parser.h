// Meilisearch's filter grammar: text (or the JSON array form) to FilterExpr.
//
//   filter     = expression EOF          (blank text = no filter)
//   expression = and ("OR" and)*
//   and        = not ("AND" not)*
//   not        = "NOT" not | primary
//   primary    = "(" expression ")" | _geoRadius(..) | _geoBoundingBox(..) | _geoPolygon(..)
//              | value "IN" [..] | value "NOT" "IN" [..] | value (= != > >= < <=) value
//              | value IS [NOT] NULL | value IS [NOT] EMPTY | value [NOT] EXISTS
//              | value value "TO" value | value [NOT] CONTAINS value
//              | value [NOT] STARTS WITH value
//   value      = word | 'single quoted' | "double quoted"   (backslash escapes)
//   word       = (alphanumeric | _ | - | .)+, not a keyword
//
// As in Meilisearch, keywords are upper case only (`and` is a word, not
// `AND`), nesting is limited (150 levels of or/and/not/primary, the parser
// stops before recursing deeper), and every error message, span included, is
// Meilisearch's.  Not supported (parsed as ordinary attributes or reported as
// an invalid operation): `_vectors.<embedder>` filters and `_foreign(..)`.
//
// Thread safety: pure functions.  Any byte string is accepted as input;
// invalid UTF-8 bytes count as one unrecognised char each.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "engine/search/filter/filter_ast.h"
#include "engine/search/filter/filter_error.h"

namespace myriad::filter {

// nullopt: no filter (blank text, empty array...).
using ParsedFilter = std::optional<FilterExpr>;

std::variant<ParsedFilter, FilterError> ParseFilter(std::string_view text);

// The `filter` parameter as JSON: a string; or an array whose elements are
// strings (ANDed) or arrays of strings (ORed), blank strings ignored; null is
// no filter.  Anything else gets Meilisearch's "Invalid syntax for the filter
// parameter: `expected String, Array, found: true`." (with `String, [String]`
// for a bad element, `String` for a bad element of an inner array).
std::variant<ParsedFilter, FilterError> ParseFilterValue(const boost::json::value& value);

}  // namespace myriad::filter
