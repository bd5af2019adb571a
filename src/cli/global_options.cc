#include "cli/global_options.h"

#include <CLI/CLI.hpp>

#include "util/byte_size.h"

namespace myriad::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions* options) {
  app.add_option("--address-budget", options->address_budget_text,
                 "Virtual address space the index mapper may use for LMDB maps, replacing "
                 "the measured budget (e.g. 64GiB, 2TiB, 500GB)")
      ->envname("MYRIAD_ADDRESS_BUDGET")
      ->type_name("SIZE");
}

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
