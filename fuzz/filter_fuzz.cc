// The filter grammar on any input: a filter string, and the same bytes as a
// JSON filter (string or array form) when they parse as JSON. Either gives a
// filter or a FilterError; nothing else (no crash, no sanitizer report).
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "engine/search/filter/filter_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = myriad::filter::ParseFilter(text);
  if (auto* error = std::get_if<myriad::filter::FilterError>(&parsed)) {
    if (error->message.empty()) __builtin_trap();  // every error says what is wrong
  }
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec);
  if (!ec) (void)myriad::filter::ParseFilterValue(value);
  return 0;
}
