#include "engine/indexing/facet/facet_value.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace myriad::facet {
namespace {

// Trims Unicode White_Space (Rust's `str::trim`) by code points.
std::string_view TrimWhiteSpace(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t begin = 0;
  while (begin < length) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(bytes, next, length, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    begin = next;
  }
  int32_t end = length;
  while (end > begin) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(bytes, begin, prev, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    end = prev;
  }
  return s.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string NormalizeFacetString(std::string_view original) {
  const std::string_view trimmed = TrimWhiteSpace(original);
  if (IsAscii(trimmed)) {  // NFKD leaves ASCII alone: skip ICU on the common path
    std::string out(trimmed);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(trimmed.data(), static_cast<int32_t>(trimmed.size())));
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) decomposed = nfkd->normalize(text, status);
  if (U_FAILURE(status)) decomposed = text;  // ICU data missing: lower case still applies
  decomposed.toLower(icu::Locale::getRoot());
  std::string out;
  decomposed.toUTF8String(out);
  return out;
}

std::string_view TruncateFacetString(std::string_view normalized) {
  if (normalized.size() <= kMaxFacetValueBytes) return normalized;
  std::size_t end = kMaxFacetValueBytes;
  // Back up over continuation bytes (10xxxxxx) to a char boundary.
  while (end > 0 && (static_cast<unsigned char>(normalized[end]) & 0xC0) == 0x80) --end;
  return normalized.substr(0, end);
}

std::string FacetStringKey(std::string_view original) {
  std::string normalized = NormalizeFacetString(original);
  normalized.resize(TruncateFacetString(normalized).size());
  return normalized;
}

std::optional<double> ParseFiniteNumber(std::string_view text, NumberParseError* error) {
  const auto fail = [error](NumberParseError e) -> std::optional<double> {
    if (error != nullptr) *error = e;
    return std::nullopt;
  };
  if (text.empty()) return fail(NumberParseError::kEmpty);
  std::string_view body = text;
  if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
  for (std::string_view word : {"inf", "infinity", "nan"}) {
    if (EqualsIgnoreAsciiCase(body, word)) return fail(NumberParseError::kNotFinite);
  }
  // from_chars takes no '+' and no second sign; Rust takes one optional sign.
  if (body.empty() || body.front() == '+' || body.front() == '-') {
    return fail(NumberParseError::kInvalid);
  }
  std::string_view digits = text.front() == '+' ? text.substr(1) : text;
  double value = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (ptr != end) return fail(NumberParseError::kInvalid);
  if (ec == std::errc::result_out_of_range) {
    // Valid text beyond double's range: Rust rounds to inf or to 0.
    value = std::strtod(std::string(digits).c_str(), nullptr);
  } else if (ec != std::errc()) {
    return fail(NumberParseError::kInvalid);
  }
  // from_chars also reads "nan(...)" and friends, which Rust rejects.
  if (std::isnan(value)) return fail(NumberParseError::kInvalid);
  if (std::isinf(value)) return fail(NumberParseError::kNotFinite);
  return value;
}

const char* NumberParseErrorText(NumberParseError error) {
  switch (error) {
    case NumberParseError::kEmpty:
      return "cannot parse float from empty string";
    case NumberParseError::kNotFinite:
      return "Non finite floats are not supported";
    case NumberParseError::kInvalid:
      break;
  }
  return "invalid float literal";
}

std::string FormatNumber(double value) {
  // Fixed notation without a precision is the shortest round-trip text.
  std::array<char, 400> buffer;
  const auto [ptr, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (ec != std::errc()) return "NaN";
  return std::string(buffer.data(), ptr);
}

}  // namespace myriad::facet
