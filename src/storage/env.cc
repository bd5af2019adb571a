#include "storage/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
  if (create) MYRIAD_RETURN_IF_ERROR(CreateDatabases({name}));
  MutexLock lock(dbs_mu_);
  if (auto it = dbs_.find(name); it != dbs_.end()) return it->second;
  MYRIAD_ASSIGN_OR_RETURN(std::vector<std::string> missing, OpenExisting({name}));
  if (!missing.empty()) return FromLmdb(MDB_NOTFOUND, "open database " + name);
  return dbs_.at(name);
}

Status Env::CreateDatabases(const std::vector<std::string>& names) {
  MutexLock lock(dbs_mu_);
  MYRIAD_ASSIGN_OR_RETURN(std::vector<std::string> missing, OpenExisting(names));
  if (missing.empty()) return Status::Ok();
  MYRIAD_ASSIGN_OR_RETURN(WriteTxn txn, WriteTxn::Begin(*this));
  std::vector<std::pair<std::string, Database>> created;
  for (const std::string& name : missing) {
    Database db;
    int rc = mdb_dbi_open(txn.raw(), name.c_str(), MDB_CREATE, &db.dbi);
    if (rc != 0) return FromLmdb(rc, "open database " + name);
    created.emplace_back(name, db);
  }
  MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
  for (auto& [name, db] : created) dbs_.emplace(std::move(name), db);
  return Status::Ok();
}

Result<std::vector<std::string>> Env::OpenExisting(const std::vector<std::string>& names) {
  std::vector<std::string> missing;
  std::vector<std::pair<std::string, Database>> opened;
  // Every search opens its index's databases: the cached case takes no txn. (A
  // loop, not all_of: -Wthread-safety does not see dbs_mu_ held inside a lambda.)
  bool all_cached = true;
  for (const std::string& name : names) all_cached = all_cached && dbs_.contains(name);
  if (all_cached) return missing;
  MYRIAD_ASSIGN_OR_RETURN(ReadTxn txn, ReadTxn::Begin(*this));
  for (const std::string& name : names) {
    if (dbs_.contains(name)) continue;
    Database db;
    int rc = mdb_dbi_open(txn.raw(), name.c_str(), 0, &db.dbi);
    if (rc == MDB_NOTFOUND) {
      missing.push_back(name);
    } else if (rc != 0) {
      return FromLmdb(rc, "open database " + name);
    } else {
      opened.emplace_back(name, db);
    }
  }
  // A read transaction publishes new handles only on commit.
  MYRIAD_RETURN_IF_ERROR(std::move(txn).Commit());
  for (auto& [name, db] : opened) dbs_.emplace(std::move(name), db);
  return missing;
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

Status Env::CopyCompacted(const std::string& dir) const {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return Status::IoError("cannot create " + dir + ": " + std::strerror(errno));
  }
  // Our own descriptor, not mdb_env_copy2's: that one writes with O_DIRECT,
  // which makes every copy wait for the disk (measured: 30 ms for an index of
  // 5 documents). The copy is a staging file; whoever keeps it syncs it.
  const std::string file = dir + "/data.mdb";
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot create " + file + ": " + std::strerror(errno));
  const int rc = mdb_env_copyfd2(env_, fd, MDB_CP_COMPACT);
  const bool closed = ::close(fd) == 0;
  MYRIAD_RETURN_IF_ERROR(FromLmdb(rc, "mdb_env_copyfd2 " + path_));
  return closed ? Status::Ok() : Status::IoError("cannot write " + file);
}

Status Env::Sync() { return FromLmdb(mdb_env_sync(env_, 1), "mdb_env_sync " + path_); }

}  // namespace myriad::storage
