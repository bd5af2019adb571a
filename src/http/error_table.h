// The one table of Meilisearch error codes: code -> HTTP status -> type, and the
// error object every failing route answers with:
//   {"message", "code", "type", "link": "https://docs.meilisearch.com/errors#<code>"}.
//
// Choices where Meilisearch has no code of its own:
//  - address_space_exhausted: 503, type system. The budget frees up as other
//    indexes close, so a retry can succeed; the client did nothing wrong.
//  - too_many_tasks: 503, system (back-pressure of the task store, retry later).
//  - no_space_left_on_device: 422, system (as Meilisearch).
//
// Thread safety: pure functions over a constant table.
#pragma once

#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>

#include "http/request.h"
#include "util/status.h"

namespace myriad::http {

enum class ErrorType { kInvalidRequest, kAuth, kInternal, kSystem };

struct ErrorInfo {
  std::string_view code;
  int http_status;
  ErrorType type;
};

std::string_view ErrorTypeName(ErrorType type);

// Every known code, for tests and documentation.
std::span<const ErrorInfo> AllErrors();

// The entry for `code`, or nullptr when the table has none.
const ErrorInfo* FindError(std::string_view code);

// The error object. An unknown code is a programming error: it is reported
// with type internal (and the assertion fires in debug builds).
boost::json::object ErrorJson(std::string_view code, std::string_view message);

// The error object with the table's HTTP status.
Response ErrorResponse(std::string_view code, std::string_view message);

// The error for a Status from a lower layer: a request error's own code, else
// the default for its kind. Other caller errors
// (kInvalidArgument, kNotFound, kAlreadyExists, kFailedPrecondition) mean
// different things on different routes, so the route passes `caller_code`;
// an environment error is what types/environment_error.h says, as for a
// failed task.
// REQUIRES: !status.ok().
Response StatusResponse(const Status& status, std::string_view caller_code);

}  // namespace myriad::http
