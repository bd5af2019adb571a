#include "storage/free_pages.h"

#include <lmdb.h>

#include <cstring>

#include "storage/lmdb_status.h"

namespace myriad::storage {

Result<FreePages> CountFreePages(const Txn& txn) {
  constexpr MDB_dbi kFreeDbi = 0;  // LMDB's FREE_DBI: key txnid, value an IDL (count, pgnos)
  MDB_cursor* cursor = nullptr;
  if (int rc = mdb_cursor_open(txn.raw(), kFreeDbi, &cursor); rc != 0) {
    return FromLmdb(rc, "mdb_cursor_open free list");
  }
  const size_t snapshot = mdb_txn_id(txn.raw());
  FreePages free;
  MDB_val key;
  MDB_val value;
  int rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST);
  for (; rc == 0; rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
    if (value.mv_size < sizeof(size_t)) continue;
    size_t pages = 0;
    std::memcpy(&pages, value.mv_data, sizeof pages);
    free.total_pages += pages;
    size_t id = 0;
    if (key.mv_size == sizeof id) std::memcpy(&id, key.mv_data, sizeof id);
    if (id == snapshot) free.newest_pages = pages;
  }
  mdb_cursor_close(cursor);
  if (rc != MDB_NOTFOUND) return FromLmdb(rc, "walk free list");
  return free;
}

}  // namespace myriad::storage
