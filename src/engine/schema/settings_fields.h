// Internal: one entry per settings key, binding its JSON name, sub-route,
// error code, body parser and reset. The single place that lists the 20 keys
// in Meilisearch's serialization order.
//
// Thread safety: immutable static data.
#pragma once

#include <array>
#include <boost/json/value.hpp>
#include <span>
#include <string>
#include <string_view>

#include "engine/schema/settings_patch.h"
#include "engine/schema/sub_routes.h"
#include "engine/schema/value_readers.h"

namespace myriad::settings::internal {

struct FieldSpec {
  std::string_view key;    // "rankingRules"
  std::string_view route;  // "ranking-rules"
  std::string_view code;   // "invalid_settings_ranking_rules"
  UpdateVerb verb;
  // Reads the key's value (null = reset) at `path` into `patch`.
  ReadError (*parse)(const boost::json::value& v, const std::string& path, SettingsPatch& patch);
  void (*reset)(SettingsPatch& patch);
};

std::span<const FieldSpec> Fields();
const FieldSpec* FindFieldByRoute(std::string_view route);
const FieldSpec* FindFieldByKey(std::string_view key);
// The 20 keys, for "expected one of" messages.
std::span<const std::string_view> FieldKeys();

// Names of enum values as they appear in JSON.
inline constexpr std::array<std::string_view, 2> kProximityPrecisionNames = {"byWord",
                                                                             "byAttribute"};
inline constexpr std::array<std::string_view, 2> kPrefixSearchNames = {"indexingTime", "disabled"};
inline constexpr std::array<std::string_view, 2> kFacetValuesSortNames = {"alpha", "count"};

// ISO 639-3 form of a supported locale ("ja" -> "jpn", "jpn" -> "jpn"), or ""
// when unsupported.
std::string_view CanonicalLocale(std::string_view locale);

}  // namespace myriad::settings::internal
