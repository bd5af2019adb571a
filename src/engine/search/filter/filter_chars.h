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

#include "util/utf8.h"

namespace myriad::filter {

// The char at text[pos] as Rust's lossy decoding reads it: util's decoder,
// with an invalid byte as one U+FFFD.
// REQUIRES: pos < text.size()
inline Utf8Char DecodeRustChar(std::string_view text, std::size_t pos) {
  Utf8Char c = DecodeUtf8(text, pos);
  if (c.code == kInvalidCodePoint) c.code = 0xFFFD;
  return c;
}

bool IsRustAlphanumeric(char32_t c);
bool IsRustWhitespace(char32_t c);
// nom's `multispace`: only ' ', '\t', '\r', '\n'.
inline bool IsMultispace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

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
