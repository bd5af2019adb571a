// NumberText: a JSON number as Meilisearch writes it into `_formatted` (serde_json's
// Display: integers in decimal, floats in ryu's shortest form: "1.5", "3.0", "1e20",
// "1.5e-7"). The same text is what gets tokenized for highlighting and match positions.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace myriad::format {

// Appends the text of `number` to *out.
// REQUIRES: number is an int64, uint64 or double; out != nullptr
void AppendNumberText(const boost::json::value& number, std::string* out);

}  // namespace myriad::format
