#include "auth/action.h"

#include <array>
#include <initializer_list>

namespace myriad::auth {
namespace {

struct NamedAction {
  std::string_view name;
  Action action;
};

constexpr std::array kConcrete = {
    NamedAction{"search", Action::kSearch},
    NamedAction{"documents.add", Action::kDocumentsAdd},
    NamedAction{"documents.get", Action::kDocumentsGet},
    NamedAction{"documents.delete", Action::kDocumentsDelete},
    NamedAction{"indexes.create", Action::kIndexesCreate},
    NamedAction{"indexes.get", Action::kIndexesGet},
    NamedAction{"indexes.update", Action::kIndexesUpdate},
    NamedAction{"indexes.delete", Action::kIndexesDelete},
    NamedAction{"indexes.swap", Action::kIndexesSwap},
    NamedAction{"indexes.compact", Action::kIndexesCompact},
    NamedAction{"tasks.cancel", Action::kTasksCancel},
    NamedAction{"tasks.delete", Action::kTasksDelete},
    NamedAction{"tasks.get", Action::kTasksGet},
    NamedAction{"tasks.compact", Action::kTasksCompact},
    NamedAction{"settings.get", Action::kSettingsGet},
    NamedAction{"settings.update", Action::kSettingsUpdate},
    NamedAction{"stats.get", Action::kStatsGet},
    NamedAction{"metrics.get", Action::kMetricsGet},
    NamedAction{"dumps.create", Action::kDumpsCreate},
    NamedAction{"snapshots.create", Action::kSnapshotsCreate},
    NamedAction{"version", Action::kVersion},
    NamedAction{"keys.create", Action::kKeysCreate},
    NamedAction{"keys.get", Action::kKeysGet},
    NamedAction{"keys.update", Action::kKeysUpdate},
    NamedAction{"keys.delete", Action::kKeysDelete},
    NamedAction{"experimental.get", Action::kExperimentalGet},
    NamedAction{"experimental.update", Action::kExperimentalUpdate},
    NamedAction{"export", Action::kExport},
    NamedAction{"network.get", Action::kNetworkGet},
    NamedAction{"network.update", Action::kNetworkUpdate},
    NamedAction{"chatCompletions", Action::kChatCompletions},
    NamedAction{"chats.get", Action::kChatsGet},
    NamedAction{"chats.delete", Action::kChatsDelete},
    NamedAction{"chatsSettings.get", Action::kChatsSettingsGet},
    NamedAction{"chatsSettings.update", Action::kChatsSettingsUpdate},
    NamedAction{"webhooks.get", Action::kWebhooksGet},
    NamedAction{"webhooks.update", Action::kWebhooksUpdate},
    NamedAction{"webhooks.delete", Action::kWebhooksDelete},
    NamedAction{"webhooks.create", Action::kWebhooksCreate},
    NamedAction{"fields.post", Action::kFieldsPost},
    NamedAction{"dynamicSearchRules.get", Action::kDynamicSearchRulesGet},
    NamedAction{"dynamicSearchRules.create", Action::kDynamicSearchRulesCreate},
    NamedAction{"dynamicSearchRules.update", Action::kDynamicSearchRulesUpdate},
    NamedAction{"dynamicSearchRules.delete", Action::kDynamicSearchRulesDelete},
};
static_assert(kConcrete.size() == static_cast<size_t>(Action::kCount));

// Meilisearch's `Action` enum order, wildcards included.
constexpr std::array<std::string_view, 58> kAllNames = {
    "*",
    "search",
    "documents.*",
    "documents.add",
    "documents.get",
    "documents.delete",
    "indexes.*",
    "indexes.create",
    "indexes.get",
    "indexes.update",
    "indexes.delete",
    "indexes.swap",
    "tasks.*",
    "tasks.cancel",
    "tasks.delete",
    "tasks.get",
    "settings.*",
    "settings.get",
    "settings.update",
    "stats.*",
    "stats.get",
    "metrics.*",
    "metrics.get",
    "dumps.*",
    "dumps.create",
    "snapshots.*",
    "snapshots.create",
    "version",
    "keys.create",
    "keys.get",
    "keys.update",
    "keys.delete",
    "experimental.get",
    "experimental.update",
    "export",
    "network.get",
    "network.update",
    "chatCompletions",
    "chats.*",
    "chats.get",
    "chats.delete",
    "chatsSettings.*",
    "chatsSettings.get",
    "chatsSettings.update",
    "*.get",
    "webhooks.get",
    "webhooks.update",
    "webhooks.delete",
    "webhooks.create",
    "webhooks.*",
    "indexes.compact",
    "fields.post",
    "tasks.compact",
    "dynamicSearchRules.get",
    "dynamicSearchRules.create",
    "dynamicSearchRules.update",
    "dynamicSearchRules.delete",
    "dynamicSearchRules.*",
};

ActionSet Of(std::initializer_list<Action> actions) {
  ActionSet set;
  for (Action a : actions) set.set(static_cast<size_t>(a));
  return set;
}

// Meilisearch's Action::is_read; keys.get is left out so that a read-only key
// cannot read the other keys (privilege escalation).
bool IsRead(Action a) {
  switch (a) {
    case Action::kSearch:
    case Action::kDocumentsGet:
    case Action::kExport:
    case Action::kIndexesGet:
    case Action::kTasksGet:
    case Action::kSettingsGet:
    case Action::kStatsGet:
    case Action::kMetricsGet:
    case Action::kVersion:
    case Action::kExperimentalGet:
    case Action::kNetworkGet:
    case Action::kChatsGet:
    case Action::kChatsSettingsGet:
    case Action::kWebhooksGet:
    case Action::kFieldsPost:
    case Action::kDynamicSearchRulesGet:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view ActionName(Action action) {
  const auto i = static_cast<size_t>(action);
  return i < kConcrete.size() ? kConcrete[i].name : std::string_view("unknown");
}

std::span<const std::string_view> AllActionNames() { return kAllNames; }

std::optional<ActionSet> ExpandActionName(std::string_view name) {
  for (const NamedAction& a : kConcrete) {
    if (a.name == name) return Only(a.action);
  }
  if (name == "*") return ActionSet().set();
  if (name == "*.get") {
    ActionSet set;
    for (const NamedAction& a : kConcrete) {
      if (IsRead(a.action)) set.set(static_cast<size_t>(a.action));
    }
    return set;
  }
  using A = Action;
  if (name == "documents.*") return Of({A::kDocumentsAdd, A::kDocumentsGet, A::kDocumentsDelete});
  if (name == "indexes.*") {
    return Of({A::kIndexesCreate, A::kIndexesGet, A::kIndexesUpdate, A::kIndexesDelete,
               A::kIndexesSwap, A::kIndexesCompact});
  }
  if (name == "tasks.*") {
    return Of({A::kTasksCancel, A::kTasksDelete, A::kTasksGet, A::kTasksCompact});
  }
  if (name == "settings.*") return Of({A::kSettingsGet, A::kSettingsUpdate});
  if (name == "stats.*") return Of({A::kStatsGet});
  if (name == "metrics.*") return Of({A::kMetricsGet});
  if (name == "dumps.*") return Of({A::kDumpsCreate});
  if (name == "snapshots.*") return Of({A::kSnapshotsCreate});
  if (name == "chats.*") return Of({A::kChatsGet, A::kChatsDelete});
  if (name == "chatsSettings.*") return Of({A::kChatsSettingsGet, A::kChatsSettingsUpdate});
  if (name == "webhooks.*") {
    return Of({A::kWebhooksGet, A::kWebhooksUpdate, A::kWebhooksDelete, A::kWebhooksCreate});
  }
  if (name == "dynamicSearchRules.*") {
    return Of({A::kDynamicSearchRulesGet, A::kDynamicSearchRulesCreate,
               A::kDynamicSearchRulesUpdate, A::kDynamicSearchRulesDelete});
  }
  return std::nullopt;
}

std::optional<ActionSet> ExpandActionNames(const std::vector<std::string>& names) {
  ActionSet set;
  for (const std::string& name : names) {
    std::optional<ActionSet> one = ExpandActionName(name);
    if (!one) return std::nullopt;
    set |= *one;
  }
  return set;
}

bool RouteFiltersByIndex(Action action) {
  switch (action) {
    case Action::kSearch:
    case Action::kDocumentsGet:
    case Action::kIndexesCreate:
    case Action::kIndexesGet:
    case Action::kIndexesSwap:
    case Action::kTasksCancel:
    case Action::kTasksDelete:
    case Action::kTasksGet:
    case Action::kSettingsGet:
    case Action::kStatsGet:
    case Action::kChatCompletions:
      return true;
    default:
      return false;
  }
}

bool DeniesIndexScope(std::string_view name) {
  std::optional<ActionSet> set = ExpandActionName(name);
  if (!set) return false;
  using A = Action;
  // The actions always used on an index route (Meilisearch's ControllerChecksIndex).
  const ActionSet on_index =
      Of({A::kDocumentsAdd, A::kDocumentsDelete, A::kIndexesUpdate, A::kIndexesDelete,
          A::kIndexesCompact, A::kFieldsPost, A::kSettingsUpdate});
  for (size_t i = 0; i < set->size(); ++i) {
    const auto a = static_cast<Action>(i);
    if (set->test(i) && (on_index.test(i) || RouteFiltersByIndex(a))) return false;
  }
  return true;
}

}  // namespace myriad::auth
