// BitmapDeltaWriter: applies changes to the Roaring bitmaps of one database,
// key by key in increasing key order: (stored - removed) | added, an emptied
// bitmap's key deleted.
//
// The keys past the database's last stored key (a new word's, and every key
// of a first batch) are known to be absent without a look-up and are appended
// (MDB_APPEND), which fills pages instead of splitting them.
//
// Thread safety: one thread, inside one write transaction.
// Ownership: borrows the transaction, which must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <span>
#include <string>
#include <string_view>

#include "storage/txn.h"
#include "util/result.h"

namespace myriad::storage {

class BitmapDeltaWriter {
 public:
  // Reads the last key of `db`.
  static Result<BitmapDeltaWriter> Open(WriteTxn& txn, Database db);

  // What Apply did to the key.
  enum class Outcome { kNone, kCreated, kUpdated, kDeleted };

  // REQUIRES: `key` is greater than the key of the previous call; `added` and
  // `removed` are disjoint. `outcome`, when not null, is set.
  Status Apply(std::string_view key, Roaring added, const Roaring& removed,
               Outcome* outcome = nullptr);
  // As above, from increasing document ids.
  Status Apply(std::string_view key, std::span<const uint32_t> added,
               std::span<const uint32_t> removed);

 private:
  BitmapDeltaWriter(WriteTxn& txn, Database db, std::optional<std::string> last_key)
      : txn_(txn), db_(db), last_key_(std::move(last_key)) {}

  WriteTxn& txn_;
  Database db_;
  // The greatest key stored before the first Apply; nullopt: the database was empty.
  std::optional<std::string> last_key_;
};

}  // namespace myriad::storage
