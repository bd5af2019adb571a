// Reading the fields of a JSON request body (search, documents/fetch, ...) with
// Meilisearch's deserialization errors:
//   unknown key   -> bad_request "Unknown field `k`: expected one of `a`, `b`"
//   wrong type    -> <field's code> "Invalid value type at `.k`: expected a
//                    positive integer, but found a string: `\"x\"`"
// A JSON null reads as absent, as Meilisearch treats optional fields.
//
// Thread safety: a BodyFields borrows the object it reads; use it on one thread.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/request.h"

namespace myriad::http {

// "a string: `\"x\"`", "a negative integer: `-1`", "null", ...: how deserr names
// a value it did not expect.
std::string DescribeJsonValue(const boost::json::value& v);

// The "Invalid value type at `.key`: expected <expected>, but found <v>" response.
Response InvalidFieldType(std::string_view code, std::string_view key, std::string_view expected,
                          const boost::json::value& v);

class BodyFields {
 public:
  // The object's fields, or the error response: not an object (`code`, at `.`),
  // or a key not in `known` (bad_request).
  static std::variant<BodyFields, Response> Open(const boost::json::value& body,
                                                 std::span<const std::string_view> known,
                                                 std::string_view code);
  static std::variant<BodyFields, Response> Open(const boost::json::value& body,
                                                 std::initializer_list<std::string_view> known,
                                                 std::string_view code) {
    return Open(body, std::span<const std::string_view>(known.begin(), known.size()), code);
  }

  // Each reader leaves `out` untouched when the key is absent or null, and
  // returns the response to send when the value has the wrong type.
  std::optional<Response> Uint(std::string_view key, std::string_view code,
                               std::optional<uint64_t>& out) const;
  std::optional<Response> Bool(std::string_view key, std::string_view code,
                               std::optional<bool>& out) const;
  std::optional<Response> String(std::string_view key, std::string_view code,
                                 std::optional<std::string>& out) const;
  std::optional<Response> StringList(std::string_view key, std::string_view code,
                                     std::optional<std::vector<std::string>>& out) const;
  // The raw value (for fields with several accepted shapes), or nullptr.
  const boost::json::value* Raw(std::string_view key) const;

 private:
  explicit BodyFields(const boost::json::object& object) : object_(&object) {}
  const boost::json::object* object_;
};

}  // namespace myriad::http
