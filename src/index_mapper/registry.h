// Registry: the catalogue of indexes (uid -> IndexMeta) in an LMDB env of its own,
// so that whole-catalogue questions never open an index env.
//
// Thread safety: every method may be called concurrently; writes are serialized
// internally. The registry grows its own map (storage::GrowingEnv), so it never
// refuses a write for space while the disk has room.
// Ownership: owns its Env.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
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
  // Opens (creating) the registry env in `dir`, with a map twice its data plus
  // 64 MiB.
  static Result<std::unique_ptr<Registry>> Open(const std::string& dir, bool no_sync = false);

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
  // Replaces the record of meta.uid. kNotFound when absent.
  Status Update(const IndexMeta& meta);
  // kNotFound when absent.
  Status Delete(const std::string& uid);
  // Renames `from` to `to`, keeping uuid and stats. kNotFound / kAlreadyExists.
  Status Rename(const std::string& from, const std::string& to, int64_t now_ns);

  // Counts the writes, each once it has committed: what a read transaction
  // begun after Generation() returned g sees includes every write counted in
  // g, so an answer derived from it may be reused while Generation() == g.
  uint64_t Generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  Registry(std::unique_ptr<storage::Env> env, storage::Database db)
      : env_(std::move(env), "the registry"), db_(db) {}

  // env_.Write, then the generation counted.
  Status Write(const std::function<Status(storage::WriteTxn&)>& fn);

  mutable storage::GrowingEnv env_;
  const storage::Database db_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace myriad::index_mapper
