// The ranking rules of one search, in the index's rankingRules order: each
// setting entry as its rule object(s), `sort` as the request's criteria
// (nothing when it has none), `attribute` as attributeRank then wordPosition.
// A placeholder search (no query unit) keeps only the sort rules, as milli.
#pragma once

#include <memory>
#include <vector>

#include "engine/schema/field_ids.h"
#include "engine/schema/index_settings.h"
#include "engine/search/rules/ranking_rule.h"
#include "engine/search/search_request.h"
#include "engine/search/sort_criteria.h"

namespace myriad::engine {

std::vector<std::unique_ptr<RankingRule>> BuildRules(const settings::IndexSettings& settings,
                                                     const std::vector<SortField>& sort,
                                                     const FieldIds& fields,
                                                     MatchingStrategy strategy, bool placeholder);

}  // namespace myriad::engine
