// Parsing and validation of settings requests into a SettingsPatch, with
// Meilisearch's error codes and messages.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>
#include <variant>

#include "engine/schema/settings_error.h"
#include "engine/schema/settings_patch.h"

namespace myriad::settings {

// The body of PATCH /indexes/{uid}/settings: an object whose keys are all
// optional; null resets a key. Errors: a non-object body or an unknown key
// -> "bad_request"; a bad value -> "invalid_settings_<key>", reported for the
// first offending key in body order; mixing `attribute` with `attributeRank` or
// `wordPosition` -> "invalid_settings_ranking_rules".
std::variant<SettingsPatch, SettingsError> ParseSettingsPatch(const boost::json::value& body);

// The body of PUT/PATCH /indexes/{uid}/settings/{route_name}: the key's value
// alone (null resets it). Errors carry the key's code and no location prefix
// for the root ("Invalid value type: expected an array, ..."). An unknown
// `route_name` (see FindSubRoute) gives a "bad_request" error.
std::variant<SettingsPatch, SettingsError> ParseSubRoute(std::string_view route_name,
                                                         const boost::json::value& body);

// DELETE /indexes/{uid}/settings/{route_name}: a patch resetting that key
// (an empty patch for an unknown route).
SettingsPatch ResetSubRoutePatch(std::string_view route_name);

// DELETE /indexes/{uid}/settings: a patch resetting all 20 keys.
SettingsPatch ResetAllPatch();

}  // namespace myriad::settings
