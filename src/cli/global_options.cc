#include "cli/global_options.h"

#include "util/byte_size.h"

namespace myriad::cli {

Status ResolveGlobalOptions(GlobalOptions* options) {
  if (options->address_budget_text.empty()) return Status::Ok();
  Result<uint64_t> bytes = ParseByteSize(options->address_budget_text);
  if (!bytes.ok()) {
    return Status::InvalidArgument("invalid --address-budget '" + options->address_budget_text +
                                   "': " + bytes.status().message());
  }
  options->address_budget_bytes = *bytes;
  return Status::Ok();
}

}  // namespace myriad::cli
