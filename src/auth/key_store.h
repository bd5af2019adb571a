// KeyStore: the API keys, durable in an LMDB env of their own (`<db>/auth`),
// one record per key uid.
//
// Thread safety: every method may be called concurrently; writes are serialized
// by the env (see storage::GrowingEnv).
// Ownership: owns its Env.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/api_key.h"
#include "storage/growing_env.h"
#include "util/result.h"

namespace myriad::auth {

class KeyStore {
 public:
  // Opens (creating) the env in `dir`. `no_sync` is for tests.
  static Result<std::unique_ptr<KeyStore>> Open(const std::string& dir, bool no_sync = false);

  // kAlreadyExists when a key with `key.uid` exists.
  Status Create(const ApiKey& key);
  // Replaces the record of key.uid. kNotFound when there is none.
  Status Update(const ApiKey& key);
  // kNotFound when there is no such key.
  Status Delete(const std::string& uid);
  // Every key, in uid order.
  Result<std::vector<ApiKey>> List() const;
  // storage::Env::CopyCompacted of the store.
  Status CopyCompacted(const std::string& dir) const { return env_.CopyCompacted(dir); }

 private:
  KeyStore(std::unique_ptr<storage::Env> env, storage::Database keys)
      : env_(std::move(env), "the key store"), keys_(keys) {}

  mutable storage::GrowingEnv env_;
  const storage::Database keys_;
};

}  // namespace myriad::auth
