// Reading a request's JSON body and query numbers, with Meilisearch's errors.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/request.h"

namespace myriad::http {

// The Content-Type's media type (parameters such as a charset dropped) when it is
// one of `accepted`, else Meilisearch's 415 `missing_content_type` or
// `invalid_content_type` listing them.
std::variant<std::string_view, Response> AcceptedMediaType(
    const Request& req, std::initializer_list<std::string_view> accepted);

// The body as JSON, or Meilisearch's error response: 415 `missing_content_type`
// or `invalid_content_type` unless the Content-Type is application/json, 400
// `missing_payload` for an empty body, `malformed_payload` (with the line and
// column) for bad JSON.
std::variant<boost::json::value, Response> ParseJsonBody(const Request& req);

// The query parameter `name` as an unsigned integer; `fallback` when absent;
// nullopt when it is not one.
std::optional<uint64_t> QueryNumber(const Request& req, std::string_view name, uint64_t fallback);

// A comma-separated query parameter (`fields=a,b`) as a list, empty items
// dropped; nullopt when absent.
std::optional<std::vector<std::string>> QueryList(const Request& req, std::string_view name);

// Meilisearch's message for a query number that does not parse.
Response BadQueryNumber(std::string_view code, std::string_view name, std::string_view value);

// 202 with `body`.
Response Accepted(const boost::json::object& body);
// 200 with `body`.
Response Ok(const boost::json::object& body);

}  // namespace myriad::http
