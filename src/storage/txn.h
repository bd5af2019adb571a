// Transactions over an Env.
//
// Thread safety: a transaction belongs to the thread that began it (LMDB's rule,
// even with MDB_NOTLS for write transactions); it is move-only and not shared.
// Ownership: the transaction borrows its Env, which must outlive it; it aborts in
// its destructor unless committed.
#pragma once

#include <lmdb.h>

#include <optional>
#include <string_view>

#include "storage/env.h"
#include "util/result.h"

namespace myriad::storage {

class Txn {
 public:
  Txn(Txn&& other) noexcept : txn_(other.txn_), failed_(other.failed_) { other.txn_ = nullptr; }
  Txn& operator=(Txn&&) = delete;
  Txn(const Txn&) = delete;

  // The value of `key`, or nullopt when absent. The view points into the map and
  // is valid until the transaction ends (or, in a write txn, until the next write).
  Result<std::optional<std::string_view>> Get(Database db, std::string_view key) const;
  // The number of entries in `db`, read from its B-tree root in O(1).
  Result<uint64_t> EntryCount(Database db) const;

  // The id of the last write transaction this one sees (mdb_txn_id): equal ids
  // of one env see the same data, across reopens too.
  uint64_t SnapshotId() const { return mdb_txn_id(txn_); }

  MDB_txn* raw() const { return txn_; }

 protected:
  explicit Txn(MDB_txn* txn) : txn_(txn) {}
  ~Txn() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
  }
  // Ends the transaction: commits it, or aborts it when it failed earlier.
  Status EndWithCommit(std::string_view what);

  MDB_txn* txn_;
  // Set by the first MDB_MAP_FULL (or other fatal error); then only abort is possible.
  bool failed_ = false;
};

class ReadTxn : public Txn {
 public:
  static Result<ReadTxn> Begin(const Env& env);
  ReadTxn(ReadTxn&&) noexcept = default;
  ~ReadTxn() = default;

  // Ends the transaction; database handles opened in it become visible to others.
  Status Commit() && { return EndWithCommit("commit read txn"); }

 private:
  using Txn::Txn;
};

class WriteTxn : public Txn {
 public:
  // Blocks while another write transaction of this env is active (LMDB's writer lock).
  static Result<WriteTxn> Begin(const Env& env);
  WriteTxn(WriteTxn&&) noexcept = default;
  ~WriteTxn() = default;

  // After a kMapFull (or any error LMDB marks fatal) every later call fails with
  // kFailedPrecondition and Commit() aborts; the caller grows the map and replays.
  Status Put(Database db, std::string_view key, std::string_view value, unsigned flags = 0);
  // kNotFound when the key is absent.
  Status Delete(Database db, std::string_view key);
  // Removes every entry of `db`, keeping the database.
  Status Clear(Database db);

  // Commits, consuming the transaction. Fails (and aborts) when the txn failed earlier.
  Status Commit() && { return EndWithCommit("commit write txn"); }
  // Aborts, consuming the transaction.
  void Abort() &&;

  bool failed() const { return failed_; }

 private:
  using Txn::Txn;
  Status Check(int rc, std::string_view what);
};

}  // namespace myriad::storage
