#include "util/status.h"

namespace myriad {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kMapFull:
      return "map_full";
    case StatusCode::kAddressSpaceExhausted:
      return "address_space_exhausted";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kNoSpace:
      return "no_space";
    case StatusCode::kBusy:
      return "busy";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string NoSpaceMessage(std::string_view detail) {
  std::string m =
      "There is no more space left on the device. Consider increasing the size of the "
      "disk/partition.";
  if (!detail.empty()) {
    m += " (";
    m += detail;
    m += ")";
  }
  return m;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string m(context);
  m += ": ";
  m += message_;
  Status st(code_, std::move(m));
  st.error_code_ = error_code_;
  return st;
}

}  // namespace myriad
