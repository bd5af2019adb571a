// Status: the outcome of an operation that crosses a module boundary.
//
// Thread safety: a Status is a value; distinct objects may be used from distinct
// threads, one object needs external synchronization like any std::string.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace myriad {

// Caller errors (the request is wrong) come first, environment errors (the machine
// or the files are) after; IsCallerError() tells them apart.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  // Environment errors.
  kIoError,
  kCorruption,
  kMapFull,
  kAddressSpaceExhausted,
  kResourceExhausted,
  // The disk (or the quota) is full: ENOSPC, EDQUOT. Retrying after space is
  // freed can succeed.
  kNoSpace,
  kBusy,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

// Meilisearch's message for no_space_left_on_device (a kNoSpace told to a
// user), with `detail` (what could not be written) in parentheses when not empty.
std::string NoSpaceMessage(std::string_view detail);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status MapFull(std::string m) { return {StatusCode::kMapFull, std::move(m)}; }
  static Status AddressSpaceExhausted(std::string m) {
    return {StatusCode::kAddressSpaceExhausted, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status NoSpace(std::string m) { return {StatusCode::kNoSpace, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  // A request error that Meilisearch names: `error_code` is its code (e.g.
  // "invalid_search_filter") and `message` its message. `code` says what kind
  // of caller error it is (kNotFound for a missing document, ...).
  // REQUIRES: `code` is a caller error; `error_code` is not empty.
  static Status RequestError(std::string error_code, std::string message,
                             StatusCode code = StatusCode::kInvalidArgument) {
    Status st(code, std::move(message));
    st.error_code_ = std::move(error_code);
    return st;
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsCallerError() const { return code_ != StatusCode::kOk && code_ < StatusCode::kIoError; }
  // A RequestError: its Meilisearch code; empty for any other status.
  const std::string& error_code() const { return error_code_; }
  bool IsRequestError() const { return !error_code_.empty(); }

  // "code_name: message", for logs and test failures.
  std::string ToString() const;

  // A copy with `context` prepended to the message ("context: message").
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string error_code_;
};

}  // namespace myriad

// Returns from the enclosing function when `expr` is not ok.
// The variable is named per line so that nested uses (a lambda inside `expr`)
// do not shadow each other.
#define MYRIAD_RETURN_IF_ERROR_IMPL(st, expr) \
  do {                                        \
    ::myriad::Status st = (expr);             \
    if (!st.ok()) return st;                  \
  } while (0)
#define MYRIAD_STATUS_CONCAT_INNER(a, b) a##b
#define MYRIAD_STATUS_CONCAT(a, b) MYRIAD_STATUS_CONCAT_INNER(a, b)
#define MYRIAD_RETURN_IF_ERROR(expr) \
  MYRIAD_RETURN_IF_ERROR_IMPL(MYRIAD_STATUS_CONCAT(_status_, __LINE__), expr)
