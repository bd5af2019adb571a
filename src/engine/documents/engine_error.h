// Errors of one index's engine that the user caused, each with its Meilisearch
// error code, kept apart from environment errors (I/O, map full, corruption).
//
// Design: an engine operation that can fail because of the request returns
// EngineStatus / EngineResult<T>. They hold either a success, an EngineFailure
// (EngineError + Meilisearch's message, for the HTTP layer's error table or a
// task's `error` object) or a plain Status for an environment error, which the
// caller treats as it treats any Status (abort the txn, grow the map, ...).
// Operations that cannot fail because of the request return Result<T>.
//
// Thread safety: value types, as Status and Result.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "util/result.h"
#include "util/status.h"

namespace myriad::engine {

enum class EngineError {
  kMalformedPayload,
  kMissingPayload,
  kMissingDocumentId,
  kInvalidDocumentId,
  kPrimaryKeyNoCandidate,
  kPrimaryKeyMultipleCandidates,
  kPrimaryKeyAlreadyExists,
  kDocumentNotFound,
  kInvalidCsvDelimiter,
  // Any other request error; EngineFailure::code names it (search, settings, ...).
  kOther,
};

// Meilisearch's `code` string, e.g. "malformed_payload" ("internal" for kOther).
std::string_view EngineErrorCode(EngineError error);

// A request error: its code and Meilisearch's message (e.g. "Document `1` not found.").
struct EngineFailure {
  EngineError error;
  std::string message;
  // The Meilisearch code when error is kOther, e.g. "invalid_search_filter".
  std::string code = {};

  std::string_view Code() const {
    return error == EngineError::kOther ? code : EngineErrorCode(error);
  }
};

// A request error named by its Meilisearch code.
inline EngineFailure RequestFailure(std::string code, std::string message) {
  return EngineFailure{EngineError::kOther, std::move(message), std::move(code)};
}

// "Document `<external_id>` not found.", for callers that turn a missing Get into an error.
EngineFailure DocumentNotFound(std::string_view external_id);

class [[nodiscard]] EngineStatus {
 public:
  EngineStatus() = default;
  EngineStatus(EngineFailure failure) : v_(std::move(failure)) {}  // NOLINT: implicit by design
  EngineStatus(Status status) : v_(std::move(status)) {}           // NOLINT: implicit by design

  static EngineStatus Ok() { return EngineStatus(); }

  bool ok() const { return std::holds_alternative<Status>(v_) && std::get<Status>(v_).ok(); }
  // The request error, when this is one.
  const EngineFailure* failure() const { return std::get_if<EngineFailure>(&v_); }
  // The error as a plain Status: an environment error as is; a request error as a
  // caller error (kNotFound for kDocumentNotFound, else kInvalidArgument) whose
  // message is Meilisearch's. Ok when ok().
  Status ToStatus() const;
  // Meilisearch's message, or the Status message for an environment error.
  std::string_view message() const;

 private:
  std::variant<Status, EngineFailure> v_;
};

template <typename T>
class [[nodiscard]] EngineResult {
 public:
  EngineResult(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  EngineResult(EngineStatus status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<EngineStatus>(v_).ok());
  }
  EngineResult(EngineFailure failure)  // NOLINT: implicit by design
      : v_(EngineStatus(std::move(failure))) {}
  // REQUIRES: !status.ok()
  EngineResult(Status status) : v_(EngineStatus(std::move(status))) {  // NOLINT: implicit
    assert(!std::get<EngineStatus>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error, or Ok when there is a value.
  EngineStatus status() const { return ok() ? EngineStatus::Ok() : std::get<EngineStatus>(v_); }
  const EngineFailure* failure() const {
    return ok() ? nullptr : std::get<EngineStatus>(v_).failure();
  }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, EngineStatus> v_;
};

}  // namespace myriad::engine

// As MYRIAD_RETURN_IF_ERROR, for an EngineStatus (or a plain Status) `expr`.
// MYRIAD_ASSIGN_OR_RETURN works unchanged with EngineResult, in functions that
// return EngineStatus or EngineResult.
#define MYRIAD_ENGINE_RETURN_IF_ERROR(expr)      \
  do {                                           \
    ::myriad::engine::EngineStatus _st = (expr); \
    if (!_st.ok()) return _st;                   \
  } while (0)
