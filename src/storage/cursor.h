// Cursor: ordered iteration over one database within one transaction.
//
// Thread safety: as its transaction (one thread). Ownership: borrows the
// transaction, which must outlive the cursor; closes itself in its destructor.
#pragma once

#include <lmdb.h>

#include <memory>
#include <string_view>

#include "storage/txn.h"

namespace myriad::storage {

class Cursor {
 public:
  static Result<Cursor> Open(const Txn& txn, Database db);
  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&&) = delete;
  ~Cursor();

  // Each positions the cursor and returns whether it now rests on an entry.
  Result<bool> First();
  Result<bool> Last();
  Result<bool> Next();
  Result<bool> Prev();
  // The first entry whose key is >= `key`.
  Result<bool> Seek(std::string_view key);
  // As Seek, but when the cursor rests on an entry before `key` it first steps
  // forward up to `max_steps` entries: a key a few entries ahead is reached
  // without LMDB's binary search of the page or descent from the root.
  // REQUIRES: the database keeps LMDB's default (bytewise) key order.
  Result<bool> SeekForward(std::string_view key, int max_steps);

  // REQUIRES: the last move returned true. Views are valid as for Txn::Get.
  std::string_view key() const { return View(key_); }
  std::string_view value() const { return View(value_); }

 private:
  explicit Cursor(MDB_cursor* c) : cursor_(c) {}
  Result<bool> Move(MDB_cursor_op op);
  static std::string_view View(const MDB_val& v) {
    return {static_cast<const char*>(v.mv_data), v.mv_size};
  }

  MDB_cursor* cursor_;
  bool on_entry_ = false;  // the last move returned true
  MDB_val key_{};
  MDB_val value_{};
};

}  // namespace myriad::storage
