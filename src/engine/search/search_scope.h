// SearchScope: the fields each query word may match in, from the request's
// `attributesToSearchOn` and the index's `typoTolerance.disableOnAttributes`.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/indexing/search_config.h"
#include "engine/schema/field_ids.h"
#include "engine/schema/index_settings.h"
#include "engine/search/query_matcher.h"
#include "util/result.h"

namespace myriad::engine {

// An unrestricted scope when neither applies. `search_on` names searchable
// attributes (a nested field counts under its parent); one that is not gives
// invalid_search_attributes_to_search_on with Meilisearch's message.
Result<FieldScope> SearchScope(const settings::IndexSettings& settings, const SearchConfig& config,
                               const FieldIds& fields,
                               const std::optional<std::vector<std::string>>& search_on);

}  // namespace myriad::engine
