// Applying a settings update to an index's settings, as a settings task does.
//
// Thread safety: pure functions.
#pragma once

#include <variant>

#include "engine/schema/index_settings.h"
#include "engine/schema/settings_error.h"
#include "engine/schema/settings_patch.h"

namespace myriad::settings {

// `current` with `patch` merged in, Meilisearch's way:
//  - NotSet keeps a key, Reset restores its default, Set replaces it;
//  - typoTolerance, faceting and pagination merge field by field (so do
//    minWordSizeForTypos and each embedder's configuration, whose null
//    members are removed); embedders set to null are removed;
//  - a displayed/searchable list containing "*" means all fields; duplicates
//    keep their first occurrence;
//  - sortFacetValuesBy always keeps a "*" entry (alpha unless given);
//  - locales are stored in their ISO 639-3 form.
// Fails with "invalid_settings_typo_tolerance" when the resulting oneTypo
// exceeds twoTypos (the update then changes nothing).
std::variant<IndexSettings, SettingsError> Apply(const IndexSettings& current,
                                                 const SettingsPatch& patch);

}  // namespace myriad::settings
