// SearchScope: the fields each query word may match in, from the request's
// `attributesToSearchOn` and the index's `typoTolerance.disableOnAttributes`.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/engine_error.h"
#include "engine/field_ids.h"
#include "engine/query_matcher.h"
#include "engine/search_config.h"
#include "engine/settings/index_settings.h"

namespace myriad::engine {

// An unrestricted scope when neither applies. `search_on` names searchable
// attributes (a nested field counts under its parent); one that is not gives
// invalid_search_attributes_to_search_on with Meilisearch's message.
EngineResult<FieldScope> SearchScope(const settings::IndexSettings& settings,
                                     const SearchConfig& config, const FieldIds& fields,
                                     const std::optional<std::vector<std::string>>& search_on);

}  // namespace myriad::engine
