#include "http/search_params.h"

#include <string>

#include "http/error_table.h"

namespace myriad::http {

std::optional<Response> ReadMatchParams(const BodyFields& f, engine::SearchRequest& r) {
  using engine::MatchingStrategy;
  if (const boost::json::value* q = f.Raw("q")) {
    if (!q->is_string()) return InvalidFieldType("invalid_search_q", "q", "a string", *q);
    r.q = std::string(q->get_string());
  }
  if (const boost::json::value* filter = f.Raw("filter")) r.filter = *filter;
  std::optional<std::string> strategy;
  if (auto e = f.String("matchingStrategy", "invalid_search_matching_strategy", strategy)) {
    return e;
  }
  if (auto e = f.StringList("attributesToSearchOn", "invalid_search_attributes_to_search_on",
                            r.attributes_to_search_on)) {
    return e;
  }
  if (r.attributes_to_search_on) {
    // Refused rather than ignored: ignoring it would return matches in other fields.
    return ErrorResponse("invalid_search_attributes_to_search_on",
                         "`attributesToSearchOn` is not supported by Myriad yet: send null or "
                         "leave it out, or restrict the index's searchableAttributes.");
  }
  if (strategy) {
    if (*strategy == "last") {
      r.matching_strategy = MatchingStrategy::kLast;
    } else if (*strategy == "all") {
      r.matching_strategy = MatchingStrategy::kAll;
    } else if (*strategy == "frequency") {
      r.matching_strategy = MatchingStrategy::kFrequency;
    } else {
      return ErrorResponse("invalid_search_matching_strategy",
                           "Unknown value `" + *strategy +
                               "` at `.matchingStrategy`: expected one of `last`, `all`, "
                               "`frequency`");
    }
  }
  return std::nullopt;
}

}  // namespace myriad::http
