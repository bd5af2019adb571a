// IndexHandle: a pin on an open index env, and the transactions taken through it.
//
// Thread safety: a handle may be moved between threads but not used by two at
// once; give each thread its own (IndexMapper::Acquire is cheap on a hit).
// Ownership: the handle borrows the IndexMapper, which must outlive it. While any
// handle of an env lives, the env stays open (contract 5); when the last handle
// of an env marked for closing (evicted or deleted) drops, the env closes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/env.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::index_mapper {

class IndexMapper;
struct OpenEnv;

// A transaction holding the env's gate shared, so the map cannot move under it.
// The txn ends before the gate is released (member order).
template <typename Txn>
class GatedTxn {
 public:
  // Releases the env's gate (held shared) when the txn is done.
  struct GateRelease {
    void operator()(OpenEnv* env) const;
  };

  GatedTxn(GatedTxn&&) noexcept = default;
  ~GatedTxn() = default;

  Txn& txn() { return txn_; }
  const Txn& txn() const { return txn_; }
  Txn* operator->() { return &txn_; }
  // Commits (write) or ends (read) the transaction, then releases the gate.
  Status Commit() && {
    Status st = std::move(txn_).Commit();
    gate_.reset();
    return st;
  }

 private:
  friend class IndexHandle;
  GatedTxn(std::unique_ptr<OpenEnv, GateRelease> gate, Txn txn)
      : gate_(std::move(gate)), txn_(std::move(txn)) {}

  std::unique_ptr<OpenEnv, GateRelease> gate_;
  Txn txn_;
};

using IndexReadTxn = GatedTxn<storage::ReadTxn>;
using IndexWriteTxn = GatedTxn<storage::WriteTxn>;

class IndexHandle {
 public:
  IndexHandle(IndexHandle&& other) noexcept;
  IndexHandle& operator=(IndexHandle&& other) noexcept;
  IndexHandle(const IndexHandle&) = delete;
  IndexHandle& operator=(const IndexHandle&) = delete;
  ~IndexHandle();

  const std::string& uid() const { return uid_; }
  const std::string& uuid() const;

  // REQUIRES: the calling thread holds no write txn of this index (one writer).
  Result<IndexReadTxn> BeginRead() const;
  // Blocks while another write txn of this index is active.
  // REQUIRES: the calling thread holds no other txn of this index.
  Result<IndexWriteTxn> BeginWrite() const;
  // Opens a named database of this index (see storage::Env::OpenDatabase), under the gate.
  // REQUIRES: the calling thread holds no txn of this index.
  Result<storage::Database> OpenDatabase(const std::string& name, bool create) const;
  // storage::Env::CreateDatabases, under the gate. REQUIRES: as OpenDatabase.
  Status CreateDatabases(const std::vector<std::string>& names) const;

  // The map size and data high-water mark of this env now.
  Result<storage::EnvUsage> Usage() const;
  // storage::Env::CopyCompacted of this env, under the gate: a growth waits
  // for the copy. REQUIRES: as OpenDatabase.
  Status CopyCompacted(const std::string& dir) const;

 private:
  friend class IndexMapper;
  IndexHandle(IndexMapper* mapper, std::shared_ptr<OpenEnv> env, std::string uid)
      : mapper_(mapper), env_(std::move(env)), uid_(std::move(uid)) {}
  void Release();

  IndexMapper* mapper_;
  std::shared_ptr<OpenEnv> env_;
  std::string uid_;
};

}  // namespace myriad::index_mapper
