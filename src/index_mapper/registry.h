// Registry: the catalogue of indexes (uid -> IndexMeta) in an LMDB env of its own,
// so that whole-catalogue questions never open an index env.
//
// Thread safety: every method may be called concurrently; writes are serialized
// internally. The registry grows its own map (storage::GrowingEnv), so it never
// refuses a write for space while the disk has room.
// Ownership: owns its Env.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index_mapper/index_meta.h"
#include "storage/env.h"
#include "storage/growing_env.h"
#include "storage/txn.h"
#include "util/mutex.h"
#include "util/result.h"

namespace myriad::index_mapper {

class Registry {
 public:
  // How many writes the change log remembers by default (see ChangedSince).
  static constexpr size_t kChangeLogEntries = 16'384;

  // Opens (creating) the registry env in `dir`, with a map twice its data plus
  // 64 MiB. The change log remembers the last `change_log_entries` writes
  // (at least one).
  static Result<std::unique_ptr<Registry>> Open(const std::string& dir, bool no_sync = false,
                                                size_t change_log_entries = kChangeLogEntries);

  // kAlreadyExists when the uid is taken. REQUIRES: IsValidIndexUid(meta.uid).
  Status Create(const IndexMeta& meta);
  // kNotFound when absent.
  Result<IndexMeta> Get(const std::string& uid) const;
  // Indexes in uid order, from `offset`, at most `limit`.
  Result<std::vector<IndexMeta>> List(uint64_t offset, uint64_t limit) const;
  Result<uint64_t> Count() const;
  // Calls `fn` for every index, in uid order, inside one read transaction:
  // the view is valid only during the call, and `fn` must not call back into
  // the registry.
  Status ForEach(const std::function<void(const IndexMetaView&)>& fn) const;
  // Calls fn(uid, record) for each of `uids`, in that order, inside one read
  // transaction; the record is null when the uid is absent. Same rules as ForEach.
  Status ForEachOf(const std::vector<std::string>& uids,
                   const std::function<void(const std::string&, const IndexMetaView*)>& fn) const;
  // Replaces the record of meta.uid. kNotFound when absent.
  Status Update(const IndexMeta& meta);
  // kNotFound when absent.
  Status Delete(const std::string& uid);
  // Renames `from` to `to`, keeping uuid and stats. kNotFound / kAlreadyExists.
  Status Rename(const std::string& from, const std::string& to, int64_t now_ns);
  // Applies `swaps` in order, in one transaction: all or none. kNotFound when
  // a step's lhs (or rhs, unless it renames) is absent, kAlreadyExists when a
  // rename's rhs is taken.
  Status Swap(const std::vector<IndexSwap>& swaps, int64_t now_ns);

  // Counts the writes, each once it has committed (or failed): what a read
  // transaction begun after Generation() returned g sees includes every write
  // counted in g, so an answer derived from it may be reused while
  // Generation() == g. The writes are numbered 1, 2, ... in the order they are
  // counted; Generation() is the number of the last one (0 before any, and
  // again at every Open: numbers are not kept on disk).
  // storage::Env::CopyCompacted of the registry: the catalogue as of one read.
  Status CopyCompacted(const std::string& dir) const { return env_.CopyCompacted(dir); }

  uint64_t Generation() const { return generation_.load(std::memory_order_acquire); }

  // The uids (sorted, without duplicates) that the writes numbered in
  // (since, upto] touched: Create, Update and Delete their uid, Rename and
  // Swap both names of each step; a failed write counts too. nullopt when the log no longer
  // reaches back to write since + 1 (or since > upto).
  //
  // Why re-reading these uids brings an answer up to date: a write is in the
  // log before Generation() can return its number or a later one; a write that
  // commits after a reader's transaction began is numbered after it commits,
  // so above any Generation() that reader read before beginning it. So if an
  // answer was read in transactions begun after Generation() returned g, and
  // Generation() now returns g2, every write the answer may have missed is in
  // ChangedSince(g, g2) or numbered above g2 (found by the next catch-up);
  // re-reading a uid that did not change is harmless.
  std::optional<std::vector<std::string>> ChangedSince(uint64_t since, uint64_t upto) const;

 private:
  Registry(std::unique_ptr<storage::Env> env, storage::Database db, size_t change_log_entries)
      : env_(std::move(env), "the registry"),
        db_(db),
        change_log_entries_(std::max<size_t>(1, change_log_entries)) {}

  // env_.Write, then the write numbered and logged as touching `uids`,
  // whether or not it committed.
  Status Write(std::vector<std::string> uids, const std::function<Status(storage::WriteTxn&)>& fn);

  struct Change {
    uint64_t generation;
    std::vector<std::string> uids;
  };

  mutable storage::GrowingEnv env_;
  const storage::Database db_;
  const size_t change_log_entries_;
  mutable Mutex log_mu_;
  // The last writes, oldest first, numbered consecutively.
  std::deque<Change> log_ GUARDED_BY(log_mu_);
  uint64_t last_generation_ GUARDED_BY(log_mu_) = 0;
  uint64_t trimmed_through_ GUARDED_BY(log_mu_) = 0;  // the last write dropped from log_
  // last_generation_, published after the log entry (lock-free for readers).
  std::atomic<uint64_t> generation_{0};
};

}  // namespace myriad::index_mapper
