// Authorizer: the master key, the API keys and tenant tokens. It answers "may
// this bearer run this action on this index?" and manages the keys.
//
// Keys live in a KeyStore; a copy of every key, with its derived value, is
// kept in memory so that the check on every request reads no file. Every
// change goes through the Authorizer, store first, then the copy, under one
// lock, so a deleted key is refused from the moment DeleteKey returns.
//
// Thread safety: every method may be called concurrently.
// Ownership: owns its KeyStore.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "auth/access.h"
#include "auth/action.h"
#include "auth/api_key.h"
#include "auth/key_store.h"
#include "util/mutex.h"
#include "util/result.h"

namespace myriad::auth {

// Why a request is refused (the HTTP layer names the error code).
struct AuthFailure {
  enum class Kind {
    kMissingAuthorization,  // a master key is set and no bearer was given
    kInvalidKey,            // the bearer grants nothing here; `message` says why
    kMissingMasterKey,      // a /keys route on a server without a master key
  };
  Kind kind;
  std::string message;
};

using AuthOutcome = std::variant<std::shared_ptr<const Access>, AuthFailure>;

// PATCH /keys: only the name and the description change; an unset field is
// kept, a set nullopt clears it.
struct KeyPatch {
  std::optional<std::optional<std::string>> name;
  std::optional<std::optional<std::string>> description;
};

class Authorizer {
 public:
  // Opens the key store in `dir`, creating Meilisearch's default keys ("Default
  // Search API Key", "Default Admin API Key") when it holds none. An empty
  // `master_key` means none: every route but /keys is open.
  static Result<std::unique_ptr<Authorizer>> Open(const std::string& dir, std::string master_key,
                                                  bool no_sync = false);

  bool has_master_key() const { return !master_key_.empty(); }

  // `bearer`: the token of `Authorization: Bearer <token>`, nullopt when the
  // request has no Authorization header. `index`: the index the route names.
  AuthOutcome Authenticate(std::optional<std::string_view> bearer, Action action,
                           std::optional<std::string_view> index) const EXCLUDES(mu_);

  // Stores `key` (created and updated now). An empty key.uid gets a random one.
  // kAlreadyExists when the uid is taken; kInvalidArgument for an unknown
  // action or a bad index pattern.
  Result<ApiKey> CreateKey(ApiKey key) EXCLUDES(mu_);
  // kNotFound when `uid` names no key.
  Result<ApiKey> UpdateKey(const std::string& uid, const KeyPatch& patch) EXCLUDES(mu_);
  Status DeleteKey(const std::string& uid) EXCLUDES(mu_);
  // By uid (any accepted uuid form) or by value; kNotFound when neither matches.
  Result<ApiKey> FindKey(std::string_view uid_or_value) const EXCLUDES(mu_);
  // Every key, newest first (as Meilisearch lists them).
  std::vector<ApiKey> ListKeys() const EXCLUDES(mu_);

  // The key's value under this server's master key.
  std::string ValueOf(const ApiKey& key) const { return KeyValue(key.uid, master_key_); }
  // A compacted copy of the key store into `dir` (storage::Env::CopyCompacted).
  Status CopyKeys(const std::string& dir) const { return store_->CopyCompacted(dir); }

 private:
  struct Entry {
    ApiKey key;
    ActionSet actions;
    std::vector<IndexPattern> indexes;
    bool all_indexes = false;
  };
  static Result<Entry> MakeEntry(ApiKey key);

  Authorizer(std::unique_ptr<KeyStore> store, std::string master_key)
      : store_(std::move(store)), master_key_(std::move(master_key)) {}
  void Remember(Entry entry) REQUIRES(mu_);

  const std::unique_ptr<KeyStore> store_;
  const std::string master_key_;
  mutable Mutex mu_;
  std::map<std::string, Entry> by_uid_ GUARDED_BY(mu_);
  std::unordered_map<std::string, std::string> uid_by_value_ GUARDED_BY(mu_);
};

}  // namespace myriad::auth
