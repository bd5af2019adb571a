// `myriad budget`: measures the address space and prints the plan as JSON, so an
// operator can see what this machine allows before starting the server.
//
// Thread safety: run on the main thread before any other thread starts; the
// measurement briefly reserves most of the address space.
#pragma once

#include <boost/json/object.hpp>
#include <iosfwd>

#include "cli/global_options.h"
#include "vas/address_budget.h"

namespace myriad::cli {

// The JSON object `myriad budget` prints: the measurement, the limits, the plan
// and open_capacity for 64 MiB, 1 GiB and 2 TiB maps.
boost::json::object BudgetToJson(const vas::AddressBudget& budget);

// Raises the fd limit, measures, plans with the global override, and writes one
// JSON line to `out`. Returns the process exit code; errors go to `err`.
int RunBudgetCommand(const GlobalOptions& options, std::ostream& out, std::ostream& err);

}  // namespace myriad::cli
