#include "engine/documents/json_value.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <utility>

namespace myriad::engine {
namespace {

// simdjson bounds the nesting depth of what it accepts, so the recursion is bounded.
boost::json::value ToBoost(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object object = element.get_object().value_unsafe();
      boost::json::object out;
      out.reserve(object.size());
      for (simdjson::dom::key_value_pair field : object) {
        out.insert_or_assign(field.key, ToBoost(field.value));
      }
      return out;
    }
    case element_type::ARRAY: {
      simdjson::dom::array array = element.get_array().value_unsafe();
      boost::json::array out;
      out.reserve(array.size());
      for (simdjson::dom::element item : array) out.push_back(ToBoost(item));
      return out;
    }
    case element_type::INT64:
      return element.get_int64().value_unsafe();
    case element_type::UINT64:
      return element.get_uint64().value_unsafe();
    case element_type::DOUBLE:
      return element.get_double().value_unsafe();
    case element_type::STRING:
      return boost::json::string(element.get_string().value_unsafe());
    case element_type::BOOL:
      return element.get_bool().value_unsafe();
    case element_type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

std::string_view JsonKindName(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::array:
      return "a sequence";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::object:
      return "a map";
    default:
      return "a number";
  }
}

Result<simdjson::dom::element> JsonReader::ParseElement(std::string_view text) {
  simdjson::dom::element root;
  simdjson::error_code error = parser_.parse(text.data(), text.size()).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    // simdjson 3.0 refuses integers beyond 64 bits, which serde_json (behind
    // Meilisearch) reads as floats: Boost.JSON reads them so too, and its
    // text of the value (the big integers as doubles) is parsed again. Numbers
    // that are not JSON fail in Boost.JSON as well and keep simdjson's error.
    boost::json::parse_options options;
    options.max_depth = simdjson::DEFAULT_MAX_DEPTH;
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(text, ec, {}, options);
    if (!ec) {
      const std::string rewritten = boost::json::serialize(value);
      error = parser_.parse(rewritten.data(), rewritten.size()).get(root);
    }
  }
  if (error != simdjson::SUCCESS) {
    return Status::InvalidArgument(simdjson::error_message(error));
  }
  return root;
}

boost::json::value JsonReader::ToValue(simdjson::dom::element element) { return ToBoost(element); }

Result<boost::json::value> JsonReader::Parse(std::string_view text) {
  MYRIAD_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseElement(text));
  return ToBoost(root);
}

Result<boost::json::object> JsonReader::ParseObject(std::string_view text) {
  MYRIAD_ASSIGN_OR_RETURN(boost::json::value value, Parse(text));
  if (!value.is_object()) {
    return Status::InvalidArgument("invalid type: " + std::string(JsonKindName(value)) +
                                   ", expected a map");
  }
  return std::move(value.get_object());
}

}  // namespace myriad::engine
