#include "auth/authorizer.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "util/clock.h"

namespace myriad::auth {
namespace {

bool IsKeysAction(Action a) {
  return a == Action::kKeysGet || a == Action::kKeysCreate || a == Action::kKeysUpdate ||
         a == Action::kKeysDelete;
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Rust's `{:?}` of a Vec<String>, which Meilisearch's messages print.
std::string DebugList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + items[i] + "\"";
  }
  return out + "]";
}

AuthFailure Invalid(std::string message = "The provided API key is invalid.") {
  return AuthFailure{AuthFailure::Kind::kInvalidKey, std::move(message)};
}

ApiKey DefaultKey(std::string name, std::string description, std::string action, int64_t now) {
  ApiKey key;
  key.name = std::move(name);
  key.description = std::move(description);
  key.actions = {std::move(action)};
  key.indexes = {"*"};
  key.created_at_ns = key.updated_at_ns = now;
  return key;
}

}  // namespace

Result<Authorizer::Entry> Authorizer::MakeEntry(ApiKey key) {
  Entry e;
  std::optional<ActionSet> actions = ExpandActionNames(key.actions);
  if (!actions) return Status::InvalidArgument("unknown action in key `" + key.uid + "`");
  e.actions = *actions;
  for (const std::string& text : key.indexes) {
    std::optional<IndexPattern> p = IndexPattern::Parse(text);
    if (!p) return Status::InvalidArgument("bad index pattern in key `" + key.uid + "`");
    e.all_indexes = e.all_indexes || p->MatchesAll();
    e.indexes.push_back(std::move(*p));
  }
  e.key = std::move(key);
  return e;
}

Result<std::unique_ptr<Authorizer>> Authorizer::Open(const std::string& dir, std::string master_key,
                                                     bool no_sync) {
  MYRIAD_ASSIGN_OR_RETURN(std::unique_ptr<KeyStore> store, KeyStore::Open(dir, no_sync));
  MYRIAD_ASSIGN_OR_RETURN(std::vector<ApiKey> keys, store->List());
  std::unique_ptr<Authorizer> auth(new Authorizer(std::move(store), std::move(master_key)));
  if (keys.empty()) {
    // Admin first, so the search key is the newest and lists first, as in Meilisearch.
    const int64_t now = WallClockNs();
    MYRIAD_ASSIGN_OR_RETURN(
        ApiKey admin,
        auth->CreateKey(DefaultKey("Default Admin API Key",
                                   "Use it for anything that is not a search operation. Caution! "
                                   "Do not expose it on a public frontend",
                                   "*", now)));
    MYRIAD_ASSIGN_OR_RETURN(
        ApiKey search,
        auth->CreateKey(DefaultKey("Default Search API Key", "Use it to search from the frontend",
                                   "search", now + 1)));
    (void)admin;
    (void)search;
    return auth;
  }
  MutexLock lock(auth->mu_);
  for (ApiKey& key : keys) {
    Result<Entry> entry = MakeEntry(std::move(key));
    if (!entry.ok()) return Status::Corruption("key store: " + entry.status().message());
    auth->Remember(std::move(entry).value());
  }
  return auth;
}

void Authorizer::Remember(Entry entry) {
  uid_by_value_[KeyValue(entry.key.uid, master_key_)] = entry.key.uid;
  std::string uid = entry.key.uid;
  by_uid_.insert_or_assign(std::move(uid), std::move(entry));
}

AuthOutcome Authorizer::Authenticate(std::optional<std::string_view> bearer, Action action,
                                     std::optional<std::string_view> index) const {
  if (master_key_.empty()) {
    if (IsKeysAction(action)) {
      return AuthFailure{AuthFailure::Kind::kMissingMasterKey,
                         "Meilisearch is running without a master key. To access this API "
                         "endpoint, you must have set a master key at launch."};
    }
    return std::make_shared<const Access>(Access::Everything());
  }
  if (!bearer) {
    return AuthFailure{AuthFailure::Kind::kMissingAuthorization,
                       "The Authorization header is missing. It must use the bearer "
                       "authorization method."};
  }
  if (SameSecret(*bearer, master_key_)) return std::make_shared<const Access>(Access::Everything());

  const int64_t now = WallClockNs();
  std::optional<SearchRules> rules;
  std::string uid;
  // Only search takes tenant tokens, as Meilisearch (chat completions too there).
  if (action == Action::kSearch || action == Action::kChatCompletions) {
    TokenOutcome token = VerifyTenantToken(
        *bearer,
        [this](std::string_view key_uid) -> std::optional<std::string> {
          return KeyValue(key_uid, master_key_);
        },
        now / 1'000'000'000);
    if (auto* refused = std::get_if<RefusedToken>(&token)) return Invalid(refused->message);
    if (auto* claims = std::get_if<TenantClaims>(&token)) {
      uid = std::move(claims->api_key_uid);
      rules = std::move(claims->search_rules);
    }
  }

  MutexLock lock(mu_);
  if (uid.empty()) {
    auto it = uid_by_value_.find(std::string(*bearer));
    if (it == uid_by_value_.end()) return Invalid();
    uid = it->second;
  }
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return Invalid();
  const Entry& e = found->second;
  if (index) {
    if (rules && !rules->AllowsIndex(*index)) {
      return Invalid("The provided tenant token cannot acces the index `" + std::string(*index) +
                     "`, allowed indexes are " + DebugList(rules->PatternTexts()) + ".");
    }
    if (!AnyMatches(e.indexes, *index)) {
      if (rules) {
        return Invalid("The API key used to generate this tenant token cannot acces the index `" +
                       std::string(*index) + "`.");
      }
      std::vector<std::string> allowed = e.key.indexes;
      std::sort(allowed.begin(), allowed.end());
      return Invalid("The API key cannot acces the index `" + std::string(*index) +
                     "`, authorized indexes are " + DebugList(allowed) + ".");
    }
  }
  // A key limited to some indexes passes a route naming none only when that
  // route filters what it shows by the key's indexes.
  const bool scope_ok = e.all_indexes || index.has_value() || RouteFiltersByIndex(action);
  if (!Has(e.actions, action) || !scope_ok || e.key.ExpiredAt(now)) return Invalid();
  return std::make_shared<const Access>(
      Access::ForKey(e.indexes, std::move(rules), Has(e.actions, Action::kIndexesCreate)));
}

Result<ApiKey> Authorizer::CreateKey(ApiKey key) {
  if (key.uid.empty()) {
    MYRIAD_ASSIGN_OR_RETURN(key.uid, NewUuid());
  }
  if (key.created_at_ns == 0) key.created_at_ns = key.updated_at_ns = WallClockNs();
  MYRIAD_ASSIGN_OR_RETURN(Entry entry, MakeEntry(std::move(key)));
  MutexLock lock(mu_);
  Status st = store_->Create(entry.key);
  if (!st.ok()) {
    if (st.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("`uid` field value `" + entry.key.uid +
                                   "` is already an existing API key.");
    }
    return st;
  }
  ApiKey created = entry.key;
  Remember(std::move(entry));
  return created;
}

Result<ApiKey> Authorizer::UpdateKey(const std::string& uid, const KeyPatch& patch) {
  MutexLock lock(mu_);
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return Status::NotFound("API key `" + uid + "` not found.");
  ApiKey key = found->second.key;
  if (patch.name) key.name = *patch.name;
  if (patch.description) key.description = *patch.description;
  key.updated_at_ns = std::max(WallClockNs(), key.created_at_ns);
  MYRIAD_RETURN_IF_ERROR(store_->Update(key));
  found->second.key = key;
  return key;
}

Status Authorizer::DeleteKey(const std::string& uid) {
  MutexLock lock(mu_);
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return Status::NotFound("API key `" + uid + "` not found.");
  MYRIAD_RETURN_IF_ERROR(store_->Delete(uid));
  uid_by_value_.erase(KeyValue(uid, master_key_));
  by_uid_.erase(found);
  return Status::Ok();
}

Result<ApiKey> Authorizer::FindKey(std::string_view uid_or_value) const {
  Result<std::string> uid = CanonicalUuid(uid_or_value);
  MutexLock lock(mu_);
  std::string key_uid;
  if (uid.ok()) {
    key_uid = *uid;
  } else if (!master_key_.empty()) {
    auto it = uid_by_value_.find(std::string(uid_or_value));
    if (it != uid_by_value_.end()) key_uid = it->second;
  }
  auto found = by_uid_.find(key_uid);
  if (found == by_uid_.end()) {
    return Status::NotFound("API key `" + std::string(uid_or_value) + "` not found.");
  }
  return found->second.key;
}

std::vector<ApiKey> Authorizer::ListKeys() const {
  std::vector<ApiKey> keys;
  {
    MutexLock lock(mu_);
    for (const auto& entry : by_uid_) keys.push_back(entry.second.key);
  }
  std::stable_sort(keys.begin(), keys.end(), [](const ApiKey& a, const ApiKey& b) {
    return a.created_at_ns > b.created_at_ns;
  });
  return keys;
}

}  // namespace myriad::auth
