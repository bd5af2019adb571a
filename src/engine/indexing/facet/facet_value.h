// Facet values as Meilisearch reads and shows them: string normalization,
// number parsing of filter values, and the display text of numbers.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace myriad::facet {

// The most bytes of a normalized string kept in a facet key (milli's
// MAX_FACET_VALUE_LENGTH: 500 - 32).
inline constexpr std::size_t kMaxFacetValueBytes = 468;

// milli's `normalize_facet`: Unicode White_Space trimmed, NFKD, then full
// Unicode lower case (ICU root locale, final sigma included).  Invalid UTF-8
// bytes become U+FFFD.  Filters compare against this form, untruncated.
std::string NormalizeFacetString(std::string_view original);

// `normalized` cut at the last UTF-8 char boundary within
// kMaxFacetValueBytes: the form stored as a key.
std::string_view TruncateFacetString(std::string_view normalized);

// The facet key text of a document string: normalized then truncated.
std::string FacetStringKey(std::string_view original);

// Why a filter value is not a finite number, as Rust's `f64::from_str` and
// milli's `parse_finite_float` say it.
enum class NumberParseError { kInvalid, kEmpty, kNotFinite };

// Rust's f64 grammar ([+-] digits [. digits] [e [+-] digits], or inf /
// infinity / nan in any case); finite values only.
std::optional<double> ParseFiniteNumber(std::string_view text, NumberParseError* error = nullptr);

// The text Meilisearch shows for that error ("invalid float literal"...).
const char* NumberParseErrorText(NumberParseError error);

// Rust's `Display` of an f64: the shortest text that reads back the same,
// never in exponent form ("123", "1.5", "-0.000001").
std::string FormatNumber(double value);

}  // namespace myriad::facet
