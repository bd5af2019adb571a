#include "http/json_body.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <string>

#include "http/error_table.h"

namespace myriad::http {

std::variant<boost::json::value, Response> ParseJsonBody(const Request& req) {
  if (req.body.empty()) {
    return ErrorResponse("bad_request", "A JSON body is required: the request body is empty.");
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec) {
    return ErrorResponse("bad_request", "The JSON body is malformed: " + ec.message() + ".");
  }
  return v;
}

std::optional<uint64_t> QueryNumber(const Request& req, std::string_view name, uint64_t fallback) {
  std::optional<std::string_view> text = req.Query(name);
  if (!text) return fallback;
  uint64_t n = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, n);
  if (text->empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return n;
}

std::optional<std::vector<std::string>> QueryList(const Request& req, std::string_view name) {
  std::optional<std::string_view> text = req.Query(name);
  if (!text) return std::nullopt;
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text->size()) {
    const size_t comma = text->find(',', start);
    const size_t end = comma == std::string_view::npos ? text->size() : comma;
    if (end > start) items.emplace_back(text->substr(start, end - start));
    start = end + 1;
  }
  return items;
}

Response BadQueryNumber(std::string_view code, std::string_view name, std::string_view value) {
  return ErrorResponse(code, "Invalid value in parameter `" + std::string(name) +
                                 "`: could not parse `" + std::string(value) +
                                 "` as a positive integer");
}

Response Accepted(const boost::json::object& body) {
  return Response{202, boost::json::serialize(body)};
}

Response Ok(const boost::json::object& body) { return Response{200, boost::json::serialize(body)}; }

}  // namespace myriad::http
