#include "storage/env.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "storage/lmdb_status.h"
#include "storage/txn.h"

namespace myriad::storage {

Result<std::unique_ptr<Env>> Env::Open(const std::string& dir, const EnvOptions& options) {
  if (options.map_size == 0) return Status::InvalidArgument("Env::Open: map_size must be set");
  if (options.create && ::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return FromLmdb(errno, "mkdir " + dir);
  }
  MDB_env* env = nullptr;
  int rc = mdb_env_create(&env);
  if (rc != 0) return FromLmdb(rc, "mdb_env_create");
  unsigned flags = MDB_NOTLS;
  if (options.no_sync) flags |= MDB_NOSYNC;
  if ((rc = mdb_env_set_mapsize(env, options.map_size)) != 0 ||
      (rc = mdb_env_set_maxdbs(env, options.max_dbs)) != 0 ||
      (rc = mdb_env_set_maxreaders(env, options.max_readers)) != 0 ||
      (rc = mdb_env_open(env, dir.c_str(), flags, 0644)) != 0) {
    mdb_env_close(env);
    return FromLmdb(rc, "open LMDB env " + dir);
  }
  return std::unique_ptr<Env>(new Env(env, dir));
}

Env::~Env() { mdb_env_close(env_); }

Result<Database> Env::OpenDatabase(const std::string& name, bool create) {
  MutexLock lock(dbs_mu_);
  if (auto it = dbs_.find(name); it != dbs_.end()) return it->second;
  Database db;
  if (create) {
    MYRIAD_ASSIGN_OR_RETURN(WriteTxn txn, WriteTxn::Begin(*this));
    int rc = mdb_dbi_open(txn.raw(), name.c_str(), MDB_CREATE, &db.dbi);
    if (rc != 0) return FromLmdb(rc, "open database " + name);
    MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
  } else {
    MYRIAD_ASSIGN_OR_RETURN(ReadTxn txn, ReadTxn::Begin(*this));
    int rc = mdb_dbi_open(txn.raw(), name.c_str(), 0, &db.dbi);
    if (rc != 0) return FromLmdb(rc, "open database " + name);
    // A read transaction publishes new handles only on commit.
    MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
  }
  dbs_.emplace(name, db);
  return db;
}

Status Env::SetMapSize(uint64_t bytes) {
  return FromLmdb(mdb_env_set_mapsize(env_, bytes), "mdb_env_set_mapsize " + path_);
}

Result<EnvUsage> Env::Usage() const {
  MDB_envinfo info;
  MDB_stat stat;
  int rc = mdb_env_info(env_, &info);
  if (rc == 0) rc = mdb_env_stat(env_, &stat);
  if (rc != 0) return FromLmdb(rc, "mdb_env_info " + path_);
  EnvUsage u;
  u.page_size = stat.ms_psize;
  u.used_bytes = (static_cast<uint64_t>(info.me_last_pgno) + 1) * stat.ms_psize;
  u.map_size = info.me_mapsize;
  return u;
}

uint64_t Env::map_size() const {
  MDB_envinfo info;
  if (mdb_env_info(env_, &info) != 0) return 0;
  return info.me_mapsize;
}

Status Env::Sync() { return FromLmdb(mdb_env_sync(env_, 1), "mdb_env_sync " + path_); }

}  // namespace myriad::storage
