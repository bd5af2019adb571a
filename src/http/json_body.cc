#include "http/json_body.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <string>

#include "http/error_table.h"

namespace myriad::http {

std::variant<std::string_view, Response> AcceptedMediaType(
    const Request& req, std::initializer_list<std::string_view> accepted) {
  std::string listed;
  for (std::string_view type : accepted) {
    listed += (listed.empty() ? "`" : ", `") + std::string(type) + "`";
  }
  if (!req.content_type || req.content_type->empty()) {
    return ErrorResponse("missing_content_type",
                         "A Content-Type header is missing. Accepted values for the Content-Type "
                         "header are: " +
                             listed);
  }
  std::string_view type =
      std::string_view(*req.content_type).substr(0, req.content_type->find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  for (std::string_view known : accepted) {
    if (type == known) return known;
  }
  return ErrorResponse(
      "invalid_content_type",
      "The Content-Type `" + *req.content_type +
          "` is invalid. Accepted values for the Content-Type header are: " + listed);
}

std::variant<boost::json::value, Response> ParseJsonBody(const Request& req) {
  // Meilisearch's JSON extractor says so before it reads the body.
  auto type = AcceptedMediaType(req, {"application/json"});
  if (auto* error = std::get_if<Response>(&type)) return std::move(*error);
  if (req.body.empty()) return ErrorResponse("missing_payload", "A json payload is missing.");
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  const size_t used = parser.write_some(req.body.data(), req.body.size(), ec);
  if (!ec && used < req.body.size()) ec = boost::json::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) {
    // Where it went wrong, as serde_json's messages (which Meilisearch shows) say.
    const std::string_view read(req.body.data(), used);
    const size_t line = 1 + static_cast<size_t>(std::count(read.begin(), read.end(), '\n'));
    const size_t line_start = read.rfind('\n');
    const size_t column = used - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return ErrorResponse("malformed_payload",
                         "The json payload provided is malformed. `" + ec.message() + " at line " +
                             std::to_string(line) + " column " + std::to_string(column) + "`.");
  }
  return parser.release();
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
