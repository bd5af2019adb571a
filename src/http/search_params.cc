#include "http/search_params.h"

#include <string>
#include <utility>

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

// Adds the tenant token's filter for index `uid`, if any, to the request's:
// both must hold. Meilisearch's fuse_filters: each side's array form (a
// string alone is a one-element array) concatenated, which is an AND.
void AddTokenFilter(const Request& req, std::string_view uid, engine::SearchRequest& search) {
  if (req.access == nullptr) return;
  boost::json::value rule = req.access->SearchFilter(uid);
  if (rule.is_null()) return;
  if (search.filter.is_null()) {
    search.filter = std::move(rule);
    return;
  }
  auto as_array = [](boost::json::value v) {
    if (v.is_array()) return std::move(v.get_array());
    boost::json::array one;
    one.push_back(std::move(v));
    return one;
  };
  boost::json::array both = as_array(std::move(search.filter));
  for (boost::json::value& item : as_array(std::move(rule))) both.push_back(std::move(item));
  search.filter = std::move(both);
}

}  // namespace myriad::http
