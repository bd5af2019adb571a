// Texts of request-body validation errors, word for word as Meilisearch's
// deserr-based JSON errors print them, so that clients matching on messages
// see the same strings.
//
// A `path` is deserr's value pointer: "" at the root of the body, ".key" for
// an object member and "[3]" for an array element, concatenated
// (".typoTolerance.minWordSizeForTypos"). At the root no location is printed.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace myriad::settings {

// deserr's value kinds, in the order deserr sorts them for descriptions.
enum class JsonKind {
  kNull,
  kBoolean,
  kInteger,
  kNegativeInteger,
  kFloat,
  kString,
  kArray,
  kObject
};

JsonKind KindOf(const boost::json::value& v);

// "Invalid value type at `path`: expected an array, but found a string: `\"x\"`".
std::string InvalidTypeMessage(std::string_view path, std::initializer_list<JsonKind> accepted,
                               const boost::json::value& found);

// "Unknown field `key` inside `path`: did you mean `x`? expected one of `a`, `b`".
std::string UnknownFieldMessage(std::string_view path, std::string_view key,
                                std::span<const std::string_view> accepted);

// "Unknown value `value` at `path`: expected one of `a`, `b`".
std::string UnknownValueMessage(std::string_view path, std::string_view value,
                                std::span<const std::string_view> accepted);

// "Invalid value at `path`: <detail>" (deserr's ErrorKind::Unexpected).
std::string UnexpectedMessage(std::string_view path, std::string_view detail);

// "Missing field `field` inside `path`".
std::string MissingFieldMessage(std::string_view path, std::string_view field);

// `v` as serde_json prints it compactly (shortest round-trip floats in ryu's
// layout, e.g. 1.0 and 1e20; object members in input order).
std::string SerdeJsonText(const boost::json::value& v);

// deserr's suggestion: "did you mean `x`? " when some accepted word is within
// the allowed Damerau-Levenshtein distance of `received`, else "".
std::string DidYouMean(std::string_view received, std::span<const std::string_view> accepted);

}  // namespace myriad::settings
