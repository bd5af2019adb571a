// Action and ActionSet: what an API key may do, by Meilisearch's action names
// ("search", "documents.add", ...) and wildcards ("*", "documents.*", "*.get").
//
// Thread safety: value types and pure functions over constant tables.
#pragma once

#include <bitset>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace myriad::auth {

// The concrete actions a route can require. Wildcards are not actions: they
// expand into sets of them (see ExpandActionName).
enum class Action : uint8_t {
  kSearch,
  kDocumentsAdd,
  kDocumentsGet,
  kDocumentsDelete,
  kIndexesCreate,
  kIndexesGet,
  kIndexesUpdate,
  kIndexesDelete,
  kIndexesSwap,
  kIndexesCompact,
  kTasksCancel,
  kTasksDelete,
  kTasksGet,
  kTasksCompact,
  kSettingsGet,
  kSettingsUpdate,
  kStatsGet,
  kMetricsGet,
  kDumpsCreate,
  kSnapshotsCreate,
  kVersion,
  kKeysCreate,
  kKeysGet,
  kKeysUpdate,
  kKeysDelete,
  kExperimentalGet,
  kExperimentalUpdate,
  kExport,
  kNetworkGet,
  kNetworkUpdate,
  kChatCompletions,
  kChatsGet,
  kChatsDelete,
  kChatsSettingsGet,
  kChatsSettingsUpdate,
  kWebhooksGet,
  kWebhooksUpdate,
  kWebhooksDelete,
  kWebhooksCreate,
  kFieldsPost,
  kDynamicSearchRulesGet,
  kDynamicSearchRulesCreate,
  kDynamicSearchRulesUpdate,
  kDynamicSearchRulesDelete,
  kCount,
};

using ActionSet = std::bitset<static_cast<size_t>(Action::kCount)>;

inline ActionSet Only(Action a) { return ActionSet().set(static_cast<size_t>(a)); }
inline bool Has(const ActionSet& set, Action a) { return set.test(static_cast<size_t>(a)); }

// The name Meilisearch gives `action` ("documents.add").
std::string_view ActionName(Action action);

// Every name a key's `actions` may hold, wildcards included, in Meilisearch's
// order (its error messages list them so).
std::span<const std::string_view> AllActionNames();

// The actions `name` grants: one for a plain name, several for a wildcard
// ("*" is every action, keys management included, as Meilisearch; "*.get" is
// every read-only one, keys.get excluded). nullopt for an unknown name.
std::optional<ActionSet> ExpandActionName(std::string_view name);

// The union of ExpandActionName over `names`; nullopt when one is unknown.
std::optional<ActionSet> ExpandActionNames(const std::vector<std::string>& names);

// Whether a key restricted to some indexes may use `action` on a route that
// names no index (GET /indexes, /tasks, /stats, /multi-search...): true for the
// actions whose route filters what it shows by the key's indexes, false for
// global ones (version, keys, dumps...), as Meilisearch's IndexScope.
bool RouteFiltersByIndex(Action action);

// Whether a key limited to some indexes may not hold the action (or wildcard)
// `name` at all: global actions such as version, keys.*, dumps.*, as
// Meilisearch's `index_scoped_api_key_with_global_action`. False for unknown names.
bool DeniesIndexScope(std::string_view name);

}  // namespace myriad::auth
