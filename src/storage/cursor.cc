#include "storage/cursor.h"

#include "storage/lmdb_status.h"

namespace myriad::storage {

Result<Cursor> Cursor::Open(const Txn& txn, Database db) {
  MDB_cursor* c = nullptr;
  int rc = mdb_cursor_open(txn.raw(), db.dbi, &c);
  if (rc != 0) return FromLmdb(rc, "mdb_cursor_open");
  return Cursor(c);
}

Cursor::Cursor(Cursor&& other) noexcept
    : cursor_(other.cursor_), key_(other.key_), value_(other.value_) {
  other.cursor_ = nullptr;
}

Cursor::~Cursor() {
  if (cursor_ != nullptr) mdb_cursor_close(cursor_);
}

Result<bool> Cursor::Move(MDB_cursor_op op) {
  int rc = mdb_cursor_get(cursor_, &key_, &value_, op);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != 0) return FromLmdb(rc, "mdb_cursor_get");
  return true;
}

Result<bool> Cursor::First() { return Move(MDB_FIRST); }
Result<bool> Cursor::Last() { return Move(MDB_LAST); }
Result<bool> Cursor::Next() { return Move(MDB_NEXT); }
Result<bool> Cursor::Prev() { return Move(MDB_PREV); }
Result<bool> Cursor::Seek(std::string_view key) {
  key_ = MDB_val{key.size(), const_cast<char*>(key.data())};
  return Move(MDB_SET_RANGE);
}

}  // namespace myriad::storage
