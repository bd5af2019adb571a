// Result<T>: a T or the Status that explains why there is none.
//
// Thread safety: a value type, as Status.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "util/status.h"

namespace myriad {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error, or Ok when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace myriad

#define MYRIAD_CONCAT_INNER(a, b) a##b
#define MYRIAD_CONCAT(a, b) MYRIAD_CONCAT_INNER(a, b)
#define MYRIAD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

// `lhs = value of expr`, or returns expr's Status from the enclosing function.
#define MYRIAD_ASSIGN_OR_RETURN(lhs, expr) \
  MYRIAD_ASSIGN_OR_RETURN_IMPL(MYRIAD_CONCAT(_result_, __LINE__), lhs, expr)
