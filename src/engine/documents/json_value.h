// JSON text to Boost.JSON values, parsed by simdjson: fast on the ingestion path,
// and exact for doubles (Boost 1.81's own parser is not, so documents stored as
// text are read back through here too).
//
// Thread safety: a JsonReader is used by one thread at a time; distinct readers
// are independent. Integers stay int64 (or uint64 above INT64_MAX); other
// numbers become double.
#pragma once

#include <simdjson.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::engine {

// serde's name for the kind of `v` ("a map", "a sequence", ...), for messages.
std::string_view JsonKindName(const boost::json::value& v);

class JsonReader {
 public:
  // Parses one JSON text. kInvalidArgument, with simdjson's reason as the
  // message, when it does not parse.
  Result<boost::json::value> Parse(std::string_view text);
  // As Parse, and kInvalidArgument unless the text is an object.
  Result<boost::json::object> ParseObject(std::string_view text);
  // Parses `text` without converting it: the root is valid until the next call.
  Result<simdjson::dom::element> ParseElement(std::string_view text);
  // An element as a Boost.JSON value.
  static boost::json::value ToValue(simdjson::dom::element element);

 private:
  // Reused across calls: simdjson keeps its buffers, so a batch allocates once.
  simdjson::dom::parser parser_;
};

}  // namespace myriad::engine
