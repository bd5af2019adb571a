#include "storage/env_walk.h"

#include <lmdb.h>

#include "storage/lmdb_status.h"
#include "storage/txn.h"

namespace myriad::storage {
namespace {

// Counts the entries of `dbi` by walking it, and reads its root's statistics.
Result<DatabaseWalk> Walk(MDB_txn* txn, MDB_dbi dbi, std::string name) {
  DatabaseWalk walk;
  walk.name = std::move(name);
  MDB_stat stat;
  if (int rc = mdb_stat(txn, dbi, &stat); rc != 0) return FromLmdb(rc, "mdb_stat " + walk.name);
  walk.stat_entries = stat.ms_entries;
  walk.depth = stat.ms_depth;
  walk.pages = stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages;
  MDB_cursor* cursor = nullptr;
  if (int rc = mdb_cursor_open(txn, dbi, &cursor); rc != 0) {
    return FromLmdb(rc, "mdb_cursor_open " + walk.name);
  }
  MDB_val key;
  MDB_val value;
  int rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST);
  uint64_t checksum = 0;  // reads every value's last byte, so overflow pages are touched
  while (rc == 0) {
    ++walk.entries;
    if (value.mv_size > 0)
      checksum += static_cast<const unsigned char*>(value.mv_data)[value.mv_size - 1];
    rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT);
  }
  mdb_cursor_close(cursor);
  (void)checksum;
  if (rc != MDB_NOTFOUND) return FromLmdb(rc, "walk database " + walk.name);
  if (walk.entries != walk.stat_entries) {
    return Status::Corruption("database " + walk.name + ": " + std::to_string(walk.entries) +
                              " entries walked, its root says " +
                              std::to_string(walk.stat_entries));
  }
  return walk;
}

}  // namespace

Result<std::vector<DatabaseWalk>> WalkDatabases(const Env& env) {
  MYRIAD_ASSIGN_OR_RETURN(ReadTxn txn, ReadTxn::Begin(env));
  MDB_dbi main_dbi = 0;
  if (int rc = mdb_dbi_open(txn.raw(), nullptr, 0, &main_dbi); rc != 0) {
    return FromLmdb(rc, "open the main database of " + env.path());
  }
  std::vector<DatabaseWalk> walks;
  MYRIAD_ASSIGN_OR_RETURN(DatabaseWalk main, Walk(txn.raw(), main_dbi, ""));
  walks.push_back(std::move(main));

  // The main database's keys name the named databases.
  std::vector<std::string> names;
  MDB_cursor* cursor = nullptr;
  if (int rc = mdb_cursor_open(txn.raw(), main_dbi, &cursor); rc != 0) {
    return FromLmdb(rc, "mdb_cursor_open main");
  }
  MDB_val key;
  MDB_val value;
  for (int rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
    names.emplace_back(static_cast<const char*>(key.mv_data), key.mv_size);
  }
  mdb_cursor_close(cursor);
  for (const std::string& name : names) {
    if (name.find('\0') != std::string::npos) continue;  // a plain key, not a database name
    MDB_dbi dbi = 0;
    int rc = mdb_dbi_open(txn.raw(), name.c_str(), 0, &dbi);
    if (rc == MDB_INCOMPATIBLE) continue;  // a plain key of the main database
    if (rc != 0) return FromLmdb(rc, "open database " + name + " of " + env.path());
    auto walk = Walk(txn.raw(), dbi, name);
    if (!walk.ok()) return walk.status().WithContext(env.path());
    walks.push_back(std::move(walk).value());
  }
  return walks;
}

}  // namespace myriad::storage
