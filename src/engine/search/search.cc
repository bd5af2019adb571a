#include "engine/search/search.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <numeric>

#include "engine/schema/field_ids.h"
#include "engine/search/bucket_sort.h"
#include "engine/search/distinct.h"
#include "engine/search/document_filter.h"
#include "engine/search/facet/facet_distribution.h"
#include "engine/search/hits.h"
#include "engine/search/pagination.h"
#include "engine/search/performance_clock.h"
#include "engine/search/query_matcher.h"
#include "engine/search/rules/rule_factory.h"
#include "engine/search/search_candidates.h"
#include "engine/search/sort_criteria.h"

namespace myriad::engine {
namespace {

using Kind = settings::RankingRule::Kind;

// Meilisearch's searchCutoffMs when the index sets none; any greater than a
// day is a day (the deadline must not overflow).
constexpr uint64_t kDefaultSearchCutoffMs = 1500;
constexpr uint64_t kMaxSearchCutoffMs = 86'400'000;

// "`a, b, c`", as Meilisearch lists attributes in its errors.
std::string ListNames(const std::vector<std::string>& names) {
  std::string out = "`";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "`";
}

// The facets a request asks for ("*": every filterable attribute), each checked
// to be filterable.
Result<std::vector<std::string>> FacetNames(const settings::IndexSettings& settings,
                                            const std::vector<std::string>& requested) {
  const std::vector<std::string> filterable = settings.FilterableNames();
  std::vector<std::string> names;
  for (const std::string& name : requested) {
    if (name == "*") {
      names.insert(names.end(), filterable.begin(), filterable.end());
    } else if (settings.IsFilterable(name)) {
      names.push_back(name);
    } else {
      return Status::RequestError(
          "invalid_search_facets",
          "Invalid facet distribution: Pattern `" + name + "` is not filterable. " +
              (filterable.empty()
                   ? std::string("This index does not have configured filterable attributes.")
                   : "Available filterable attributes patterns are: " + ListNames(filterable) +
                         "."));
    }
  }
  return names;
}

}  // namespace

Result<std::string> Search(const storage::Txn& txn, const IndexView& index,
                           const SearchRequest& request) {
  PerformanceClock clock;
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, index.dbs.main));
  MYRIAD_ASSIGN_OR_RETURN(Roaring universe,
                          FilterDocuments(txn, index.dbs, index.settings, index.uid, request.filter,
                                          "invalid_search_filter"));
  bool has_sort_rule = false;
  for (const settings::RankingRule& r : index.settings.ranking_rules) {
    has_sort_rule |= r.kind == Kind::kSort;
  }
  if (!request.sort.empty() && !has_sort_rule) {
    return Status::RequestError(
        "invalid_search_sort",
        "You must specify where `sort` is listed in the rankingRules setting to "
        "use the sort parameter at search time.");
  }
  MYRIAD_ASSIGN_OR_RETURN(std::vector<SortField> sort,
                          ParseSort(index.settings, request.sort, "invalid_search_sort"));
  std::vector<std::string> facet_names;
  if (request.facets) {
    MYRIAD_ASSIGN_OR_RETURN(facet_names, FacetNames(index.settings, *request.facets));
  }
  if (request.distinct && !index.settings.IsFilterable(*request.distinct)) {
    return Status::RequestError("invalid_search_distinct",
                                "Attribute `" + *request.distinct +
                                    "` is not filterable and thus, cannot be used as distinct "
                                    "attribute. Available filterable attributes patterns are: " +
                                    ListNames(index.settings.FilterableNames()) + ".");
  }
  clock.Lap("search > filter");

  MYRIAD_ASSIGN_OR_RETURN(ResolvedQuery query,
                          ResolveSearchQuery(txn, index, fields, request.q.value_or(""),
                                             request.attributes_to_search_on, universe));
  Roaring candidates = MatchingDocuments(query, std::move(universe), request.matching_strategy);
  clock.Lap("search > resolve query");

  std::vector<uint32_t> weights(fields.size(), UINT32_MAX);
  uint32_t max_weight = 0;
  for (size_t fid = 0; fid < fields.size(); ++fid) {
    if (auto rank = index.config.SearchableRank(fields.Name(static_cast<uint16_t>(fid)),
                                                static_cast<uint16_t>(fid))) {
      weights[fid] = *rank;
      max_weight = std::max(max_weight, *rank);
    }
  }
  const RuleContext ctx{txn,
                        index.dbs,
                        query,
                        weights,
                        max_weight,
                        /*prefix_dbs=*/query.search_version >= 4};
  const std::vector<std::unique_ptr<RankingRule>> rules =
      BuildRules(index.settings, sort, fields, request.matching_strategy, query.units.empty());
  std::vector<uint16_t> all_units(query.units.size());
  std::iota(all_units.begin(), all_units.end(), 0);

  const uint64_t max_total = index.settings.pagination_max_total_hits;
  const PageWindow window = WindowOf(request, max_total);
  std::optional<Distinct> distinct;
  if (std::optional<std::string> field =
          request.distinct ? request.distinct : index.settings.distinct_attribute) {
    MYRIAD_ASSIGN_OR_RETURN(distinct, Distinct::Load(txn, index.dbs, fields, *field, candidates));
  }
  BucketSortOptions options{
      .from = window.from,
      .count = window.count,
      .scores = request.show_ranking_score || request.show_ranking_score_details,
      .threshold = request.ranking_score_threshold,
      .deadline =
          clock.started() + std::chrono::milliseconds(std::min(
                                index.settings.search_cutoff_ms.value_or(kDefaultSearchCutoffMs),
                                kMaxSearchCutoffMs)),
      .distinct = distinct ? &*distinct : nullptr};
  MYRIAD_ASSIGN_OR_RETURN(BucketSortResult sorted,
                          BucketSort(ctx, rules, candidates, all_units, options));
  candidates -= sorted.dropped;
  uint64_t total = candidates.cardinality();
  if (distinct) total = std::min(total, distinct->Total());
  clock.Lap("search > bucket sort");

  MYRIAD_ASSIGN_OR_RETURN(std::string hits, HitsJson(txn, index, request, query, sorted.hits));
  clock.Lap("search > format");

  boost::json::object response;
  response["query"] = request.q.value_or("");
  response["processingTimeMs"] = clock.ElapsedMs();
  AddPaginationFields(request, total, max_total, response);
  if (request.facets) {
    boost::json::object distribution;
    boost::json::object stats;
    for (const std::string& name : facet_names) {
      if (name.find('*') != std::string::npos) continue;
      boost::json::object values;
      if (std::optional<uint16_t> fid = fields.Find(name)) {
        const bool by_count =
            index.settings.faceting.OrderFor(name) == settings::FacetValuesSort::kCount;
        MYRIAD_ASSIGN_OR_RETURN(
            auto counts,
            facet::FacetDistribution(txn, index.dbs.facets, *fid, candidates,
                                     index.settings.faceting.max_values_per_facet, by_count));
        for (const auto& [value, n_docs] : counts) values[value] = n_docs;
        MYRIAD_ASSIGN_OR_RETURN(auto minmax,
                                facet::FacetStats(txn, index.dbs.facets, *fid, candidates));
        if (minmax) stats[name] = boost::json::object{{"min", minmax->min}, {"max", minmax->max}};
      }
      distribution[name] = std::move(values);
    }
    response["facetDistribution"] = std::move(distribution);
    response["facetStats"] = std::move(stats);
    clock.Lap("search > facet distribution");
  }
  if (request.show_performance_details) response["performanceDetails"] = clock.Details();
  // `response` is never empty ("query" at least): its members follow the hits.
  std::string rest = boost::json::serialize(response);
  rest.front() = ',';
  return "{\"hits\":" + hits + rest;
}

}  // namespace myriad::engine
