// JSON forms of settings: the GET /settings object, a settings task's
// `details`, and the stored form of an index's settings.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "engine/schema/index_settings.h"
#include "engine/schema/settings_patch.h"
#include "util/result.h"

namespace myriad::settings {

// The 20 keys in Meilisearch's order (displayedAttributes, searchableAttributes,
// filterableAttributes, sortableAttributes, rankingRules, stopWords,
// nonSeparatorTokens, separatorTokens, dictionary, synonyms, distinctAttribute,
// proximityPrecision, typoTolerance, faceting, pagination, embedders,
// searchCutoffMs, localizedAttributes, facetSearch, prefixSearch). Sets and
// maps come out sorted; searchable/displayed/filterable/rankingRules keep their
// order. Embedder configurations are returned as stored (secrets included:
// hiding `apiKey` is the caller's choice).
boost::json::object ToJson(const IndexSettings& settings);

// The `details` of a settings task: the keys present in the request, in the
// same order, each as Meilisearch serializes its request type: a reset is
// null (["*"] for displayed/searchable), sets/maps sorted, nested objects
// holding only the members that were sent.
boost::json::object PatchToDetails(const SettingsPatch& patch);

// Storage form (JSON text). Deserialize(Serialize(s)) == s. Deserialize
// returns Corruption for anything that is not a valid stored form.
std::string Serialize(const IndexSettings& settings);
Result<IndexSettings> Deserialize(std::string_view text);

}  // namespace myriad::settings
