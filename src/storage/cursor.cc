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
    : cursor_(other.cursor_), on_entry_(other.on_entry_), key_(other.key_), value_(other.value_) {
  other.cursor_ = nullptr;
}

Cursor::~Cursor() {
  if (cursor_ != nullptr) mdb_cursor_close(cursor_);
}

Result<bool> Cursor::Move(MDB_cursor_op op) {
  on_entry_ = false;
  int rc = mdb_cursor_get(cursor_, &key_, &value_, op);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != 0) return FromLmdb(rc, "mdb_cursor_get");
  on_entry_ = true;
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

Result<bool> Cursor::SeekForward(std::string_view key, int max_steps) {
  // std::string_view compares bytes as unsigned, as LMDB's default order does.
  if (on_entry_ && this->key() < key) {
    for (int step = 0; step < max_steps; ++step) {
      MYRIAD_ASSIGN_OR_RETURN(bool on, Next());
      if (!on) return false;  // every key is below `key`
      if (this->key() >= key) return true;
    }
  }
  return Seek(key);
}

}  // namespace myriad::storage
