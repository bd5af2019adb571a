// Flags that apply to every `myriad` subcommand, also read from the environment.
//
// Thread safety: plain data, filled once on the main thread before any command runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "util/status.h"

namespace myriad::cli {

struct GlobalOptions {
  // --address-budget / MYRIAD_ADDRESS_BUDGET as typed; empty when not given.
  std::string address_budget_text;
  // Parsed from address_budget_text by ResolveGlobalOptions.
  std::optional<uint64_t> address_budget_bytes;
};

// Turns the texts CLI11 stored into values; InvalidArgument names the bad flag
// and value.
Status ResolveGlobalOptions(GlobalOptions* options);

}  // namespace myriad::cli
