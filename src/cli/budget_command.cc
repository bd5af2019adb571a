#include "cli/budget_command.h"

#include <boost/json/serialize.hpp>
#include <ostream>

#include "util/byte_size.h"

namespace myriad::cli {

boost::json::object BudgetToJson(const vas::AddressBudget& budget) {
  const vas::AddressMeasurement& m = budget.measurement;
  boost::json::object capacity;
  capacity["64MiB"] = vas::OpenCapacity(budget, 64 * kMiB);
  capacity["1GiB"] = vas::OpenCapacity(budget, 1 * kGiB);
  capacity["2TiB"] = vas::OpenCapacity(budget, 2 * kTiB);

  boost::json::object o;
  o["largest_hole_bytes"] = m.largest_hole_bytes;
  o["total_bytes"] = m.total_bytes;
  if (m.rlimit_as_bytes) {
    o["rlimit_as_bytes"] = *m.rlimit_as_bytes;
  } else {
    o["rlimit_as_bytes"] = nullptr;
  }
  o["mapped_bytes"] = m.mapped_bytes;
  o["probes"] = m.probes;
  o["probe_ms"] = m.probe_ms;
  o["usable_bytes"] = budget.usable_bytes;
  o["max_map_bytes"] = budget.max_map_bytes;
  o["overridden"] = budget.overridden;
  o["fd_limit"] = budget.limits.fd_limit;
  o["max_map_count"] = budget.limits.max_map_count;
  o["maps_in_use"] = budget.limits.maps_in_use;
  o["open_capacity"] = std::move(capacity);
  return o;
}

int RunBudgetCommand(const GlobalOptions& options, std::ostream& out, std::ostream& err) {
  vas::RaiseFdLimit();
  Result<vas::AddressMeasurement> m = vas::MeasureAddressSpace();
  if (!m.ok()) {
    err << "myriad budget: " << m.status().ToString() << "\n";
    return 1;
  }
  // Limits are read after measuring so maps_in_use excludes the probes (they are gone).
  const vas::AddressBudget budget =
      vas::PlanBudget(*m, vas::ReadProcessLimits(), options.address_budget_bytes);
  out << boost::json::serialize(BudgetToJson(budget)) << "\n";
  return out ? 0 : 1;
}

}  // namespace myriad::cli
