#include "http/body_fields.h"

#include <boost/json/serialize.hpp>

#include "http/error_table.h"

namespace myriad::http {

std::string DescribeJsonValue(const boost::json::value& v) {
  const std::string text = "`" + boost::json::serialize(v) + "`";
  switch (v.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean: " + text;
    case boost::json::kind::int64:
      return v.get_int64() < 0 ? "a negative integer: " + text : "a positive integer: " + text;
    case boost::json::kind::uint64:
      return "a positive integer: " + text;
    case boost::json::kind::double_:
      return "a number: " + text;
    case boost::json::kind::string:
      return "a string: " + text;
    case boost::json::kind::array:
      return "an array: " + text;
    case boost::json::kind::object:
      return "an object: " + text;
  }
  return text;
}

Response InvalidFieldType(std::string_view code, std::string_view key, std::string_view expected,
                          const boost::json::value& v) {
  return ErrorResponse(code, "Invalid value type at `." + std::string(key) + "`: expected " +
                                 std::string(expected) + ", but found " + DescribeJsonValue(v));
}

std::variant<BodyFields, Response> BodyFields::Open(const boost::json::value& body,
                                                    std::span<const std::string_view> known,
                                                    std::string_view code) {
  if (!body.is_object()) {
    return ErrorResponse(
        code, "Invalid value type: expected an object, but found " + DescribeJsonValue(body));
  }
  for (const auto& field : body.get_object()) {
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || k == field.key();
    if (is_known) continue;
    std::string message = "Unknown field `" + std::string(field.key()) + "`: expected one of ";
    bool first = true;
    for (std::string_view k : known) {
      message += (first ? "`" : ", `") + std::string(k) + "`";
      first = false;
    }
    return ErrorResponse("bad_request", message);
  }
  return BodyFields(body.get_object());
}

const boost::json::value* BodyFields::Raw(std::string_view key) const {
  const boost::json::value* v = object_->if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::optional<Response> BodyFields::Uint(std::string_view key, std::string_view code,
                                         std::optional<uint64_t>& out) const {
  const boost::json::value* v = Raw(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_uint64()) {
    out = v->get_uint64();
  } else if (v->is_int64() && v->get_int64() >= 0) {
    out = static_cast<uint64_t>(v->get_int64());
  } else {
    return InvalidFieldType(code, key, "a positive integer", *v);
  }
  return std::nullopt;
}

std::optional<Response> BodyFields::Bool(std::string_view key, std::string_view code,
                                         std::optional<bool>& out) const {
  const boost::json::value* v = Raw(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) return InvalidFieldType(code, key, "a boolean", *v);
  out = v->get_bool();
  return std::nullopt;
}

std::optional<Response> BodyFields::String(std::string_view key, std::string_view code,
                                           std::optional<std::string>& out) const {
  const boost::json::value* v = Raw(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) return InvalidFieldType(code, key, "a string", *v);
  out = std::string(v->get_string());
  return std::nullopt;
}

std::optional<Response> BodyFields::StringList(std::string_view key, std::string_view code,
                                               std::optional<std::vector<std::string>>& out) const {
  const boost::json::value* v = Raw(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) return InvalidFieldType(code, key, "an array", *v);
  std::vector<std::string> list;
  const boost::json::array& array = v->get_array();
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      return InvalidFieldType(code, std::string(key) + "[" + std::to_string(i) + "]", "a string",
                              array[i]);
    }
    list.emplace_back(array[i].get_string());
  }
  out = std::move(list);
  return std::nullopt;
}

}  // namespace myriad::http
