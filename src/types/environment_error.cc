#include "types/environment_error.h"

namespace myriad::types {

EnvironmentError DescribeEnvironmentError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kAddressSpaceExhausted:
      return {"address_space_exhausted", "system", status.message()};
    case StatusCode::kNoSpace:
      return {"no_space_left_on_device", "system", NoSpaceMessage(status.message())};
    default:
      return {"internal", "internal", status.message()};
  }
}

}  // namespace myriad::types
