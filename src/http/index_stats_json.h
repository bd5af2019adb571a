// One index's stats as Meilisearch writes them (GET /indexes/{uid}/stats, and
// each entry of GET /stats), written as JSON text directly, not through a
// document tree: GET /stats writes 100,000 of them, and the tree cost most of
// its time.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "index_mapper/index_meta.h"

namespace myriad::http {

// Appends `s` as a JSON string. Names that need no escape, nearly all of them,
// are appended as they are.
void AppendJsonString(std::string& out, std::string_view s);

// Appends the stats object of index `m`; `indexing` is the uid of the index a
// task is being applied to, if any.
void AppendIndexStats(std::string& out, const index_mapper::IndexMeta& m,
                      const std::optional<std::string>& indexing);
void AppendIndexStats(std::string& out, const index_mapper::IndexMetaView& m,
                      const std::optional<std::string>& indexing);

}  // namespace myriad::http
