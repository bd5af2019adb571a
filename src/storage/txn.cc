#include "storage/txn.h"

#include <string>

#include "storage/lmdb_status.h"

namespace myriad::storage {
namespace {

MDB_val ToVal(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }

}  // namespace

Result<std::optional<std::string_view>> Txn::Get(Database db, std::string_view key) const {
  MDB_val k = ToVal(key);
  MDB_val v;
  int rc = mdb_get(txn_, db.dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  if (rc != 0) return FromLmdb(rc, "mdb_get");
  return std::optional<std::string_view>(
      std::string_view(static_cast<const char*>(v.mv_data), v.mv_size));
}

Result<uint64_t> Txn::EntryCount(Database db) const {
  MDB_stat stat;
  int rc = mdb_stat(txn_, db.dbi, &stat);
  if (rc != 0) return FromLmdb(rc, "mdb_stat");
  return static_cast<uint64_t>(stat.ms_entries);
}

Status Txn::EndWithCommit(std::string_view what) {
  MDB_txn* txn = txn_;
  txn_ = nullptr;
  if (txn == nullptr) return Status::FailedPrecondition(std::string(what) + ": no transaction");
  if (failed_) {
    mdb_txn_abort(txn);
    return Status::FailedPrecondition(std::string(what) +
                                      ": the transaction failed earlier and was aborted");
  }
  // mdb_txn_commit frees the txn whatever it returns.
  MDB_env* env = mdb_txn_env(txn);
  return FromLmdbCommit(mdb_txn_commit(txn), env, what);
}

Result<ReadTxn> ReadTxn::Begin(const Env& env) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env.raw(), nullptr, MDB_RDONLY, &txn);
  if (rc != 0) return FromLmdb(rc, "begin read txn " + env.path());
  return ReadTxn(txn);
}

Result<WriteTxn> WriteTxn::Begin(const Env& env) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env.raw(), nullptr, 0, &txn);
  if (rc != 0) return FromLmdb(rc, "begin write txn " + env.path());
  return WriteTxn(txn);
}

Status WriteTxn::Check(int rc, std::string_view what) {
  if (rc == 0) return Status::Ok();
  // LMDB marks the txn as errored after these; only abort remains possible.
  if (rc != MDB_NOTFOUND && rc != MDB_KEYEXIST && rc != MDB_BAD_VALSIZE && rc != EINVAL &&
      rc != EACCES) {
    failed_ = true;
  }
  return FromLmdb(rc, what);
}

Status WriteTxn::Put(Database db, std::string_view key, std::string_view value, unsigned flags) {
  if (failed_) return Status::FailedPrecondition("put: the transaction failed earlier; abort it");
  MDB_val k = ToVal(key);
  MDB_val v = ToVal(value);
  return Check(mdb_put(txn_, db.dbi, &k, &v, flags), "mdb_put");
}

Status WriteTxn::Delete(Database db, std::string_view key) {
  if (failed_)
    return Status::FailedPrecondition("delete: the transaction failed earlier; abort it");
  MDB_val k = ToVal(key);
  return Check(mdb_del(txn_, db.dbi, &k, nullptr), "mdb_del");
}

Status WriteTxn::Clear(Database db) {
  if (failed_) return Status::FailedPrecondition("clear: the transaction failed earlier; abort it");
  return Check(mdb_drop(txn_, db.dbi, 0), "mdb_drop");
}

void WriteTxn::Abort() && {
  if (txn_ != nullptr) mdb_txn_abort(txn_);
  txn_ = nullptr;
}

}  // namespace myriad::storage
