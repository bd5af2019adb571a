#include "auth/key_store.h"

#include "storage/cursor.h"
#include "util/byte_size.h"

namespace myriad::auth {

Result<std::unique_ptr<KeyStore>> KeyStore::Open(const std::string& dir, bool no_sync) {
  storage::EnvOptions options;
  // Keys are a few hundred bytes each; the env grows on MAP_FULL anyway.
  options.map_size = 16 * kMiB;
  options.max_dbs = 1;
  options.no_sync = no_sync;
  MYRIAD_ASSIGN_OR_RETURN(auto env, storage::Env::Open(dir, options));
  MYRIAD_ASSIGN_OR_RETURN(storage::Database keys, env->OpenDatabase("keys", true));
  return std::unique_ptr<KeyStore>(new KeyStore(std::move(env), keys));
}

Status KeyStore::Create(const ApiKey& key) {
  return env_.Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto existing, txn.Get(keys_, key.uid));
    if (existing) return Status::AlreadyExists("key `" + key.uid + "` exists");
    return txn.Put(keys_, key.uid, EncodeApiKey(key));
  });
}

Status KeyStore::Update(const ApiKey& key) {
  return env_.Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto existing, txn.Get(keys_, key.uid));
    if (!existing) return Status::NotFound("key `" + key.uid + "` not found");
    return txn.Put(keys_, key.uid, EncodeApiKey(key));
  });
}

Status KeyStore::Delete(const std::string& uid) {
  return env_.Write([&](storage::WriteTxn& txn) { return txn.Delete(keys_, uid); });
}

Result<std::vector<ApiKey>> KeyStore::List() const {
  std::vector<ApiKey> keys;
  const Status st = env_.Read([&](const storage::ReadTxn& txn) -> Status {
    keys.clear();
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, keys_));
    for (auto more = cursor.First();; more = cursor.Next()) {
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      MYRIAD_ASSIGN_OR_RETURN(ApiKey key, DecodeApiKey(cursor.value()));
      keys.push_back(std::move(key));
    }
  });
  if (!st.ok()) return st;
  return keys;
}

}  // namespace myriad::auth
