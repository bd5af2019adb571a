// SettingsError: why a settings request or update is refused, with
// Meilisearch's error `code` ("invalid_settings_ranking_rules", "bad_request",
// ...) and its exact `message`. The HTTP layer maps the code to a status
// (all of these are 400) and builds the error object.
//
// Thread safety: a value type.
#pragma once

#include <string>

namespace myriad::settings {

struct SettingsError {
  std::string code;
  std::string message;

  friend bool operator==(const SettingsError&, const SettingsError&) = default;
};

}  // namespace myriad::settings
