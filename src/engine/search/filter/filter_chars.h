// Character classes and text helpers of the filter grammar, with Rust's
// semantics (Meilisearch's parser is Rust): `char::is_alphanumeric`,
// `char::is_whitespace`, `str::escape_debug`, nom_locate's UTF-8 column.
//
// Input is any byte string: an invalid UTF-8 byte decodes as one U+FFFD char
// (neither alphanumeric nor whitespace), so no byte sequence is rejected here.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace myriad::filter {

struct DecodedChar {
  char32_t code;     // U+FFFD for an invalid byte
  std::size_t size;  // bytes consumed, >= 1
};

// REQUIRES: pos < text.size()
DecodedChar DecodeUtf8(std::string_view text, std::size_t pos);

bool IsRustAlphanumeric(char32_t c);
bool IsRustWhitespace(char32_t c);
// nom's `multispace`: only ' ', '\t', '\r', '\n'.
inline bool IsMultispace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Number of chars (as DecodeUtf8 counts them) in text[begin, end).
std::size_t CharCount(std::string_view text, std::size_t begin, std::size_t end);

// 1-based column, in chars, of byte offset `pos` within its line.
std::size_t Utf8Column(std::string_view text, std::size_t pos);

// Rust's `str::escape_debug` (quotes and backslashes escaped, control and
// other non-printable chars as `\u{..}`).
std::string EscapeDebug(std::string_view text);

// `text` with every invalid UTF-8 byte replaced by U+FFFD, so messages are
// always valid UTF-8.
std::string SanitizeUtf8(std::string_view text);

void AppendUtf8(char32_t c, std::string* out);

}  // namespace myriad::filter
