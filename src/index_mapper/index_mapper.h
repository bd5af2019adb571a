// IndexMapper: which indexes exist, which envs are open, and how big their maps
// are — under a virtual address budget measured at run time.
//
// Contracts (DESIGN.md, "The index mapper"):
//  1. Open envs are charged their map size plus vas::kEnvOverheadBytes against
//     the usable budget; their count also stays under the fd limit and
//     vm.max_map_count (vas::MaxOpenEnvs).
//  2. Maps are sized to the data: MapSizeFor(data file size), never the size
//     stored in the file.
//  3. EnsureRoom grows a map in place, before a write needs it: it charges the
//     growth, takes the env's gate exclusively, pre-probes the new size with a
//     PROT_NONE reservation (or, when RLIMIT_AS leaves no room for the old and
//     the new map side by side, the growth: LMDB unmaps the old one first) and
//     remaps. A failed remap closes and reopens the env at its old size and
//     reports the error.
//  4. Evict before open: an open first reserves its bytes, closing
//     least-recently-used envs nobody uses; envs in use are marked closing and
//     close when their last handle drops. Nobody waits while holding mu_.
//  5. A pinned env is never closed; acquiring an index twice is fine.
//  6. A hit takes mu_ shared and stamps the env's recency atomically (with the
//     miss count, an approximate LRU: no clock, and no write when unchanged).
//  7. An index whose map cannot fit even in an empty budget fails with
//     kAddressSpaceExhausted; the other indexes keep working.
//  8. Create, Delete, Rename, Get, List and Count never open an index env.
//  9. Every env is opened with MDB_NOTLS, once per process.
//
// When every byte of the budget is pinned, an open waits (without mu_) up to
// `pinned_wait` for handles to drop, then fails with kAddressSpaceExhausted.
//
// Thread safety: every method may be called from any thread.
// Ownership: owns the registry and every open env; handles borrow the mapper,
// which must outlive them.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "index_mapper/index_handle.h"
#include "index_mapper/index_meta.h"
#include "index_mapper/open_env.h"
#include "index_mapper/registry.h"
#include "util/mutex.h"
#include "util/result.h"
#include "vas/address_budget.h"

namespace myriad::index_mapper {

struct IndexMapperOptions {
  std::string root;  // holds registry/ and indexes/<uuid>/
  // The whole budget: usable_bytes, max_map_bytes, and the fd / map-count limits.
  vas::AddressBudget budget;
  std::chrono::milliseconds pinned_wait{10'000};
  bool no_sync = false;  // MDB_NOSYNC everywhere: tests and benchmarks only
};

// What a write changed in an index, for the registry (see UpdateStats).
struct IndexStatsUpdate {
  uint64_t document_count = 0;
  std::optional<std::string> primary_key;                             // unchanged when unset
  std::optional<std::map<std::string, uint64_t>> field_distribution;  // unchanged when unset
};

struct IndexMapperStats {
  uint64_t open_envs = 0;
  uint64_t charged_bytes = 0;
  uint64_t usable_bytes = 0;
  uint64_t max_open_envs = 0;  // by fds and map count
  uint64_t misses = 0;
  uint64_t evictions = 0;
  uint64_t growths = 0;
  uint64_t failed_growths = 0;
};

// Test-only fault injection.
struct IndexMapperFaults {
  // The next remap asks LMDB for an impossible size, so it really fails.
  std::atomic<bool> fail_next_remap{false};
  // Called by the thread closing evicted envs, without the mapper's lock, just
  // before it closes them. Set before any Acquire; not changed after.
  std::function<void()> before_close;
};

class IndexMapper {
 public:
  // Opens the registry under options.root (creating it), loads the catalogue,
  // and removes index directories the registry does not know (left by a crash
  // between a deletion's commit and its file removal).
  static Result<std::unique_ptr<IndexMapper>> Open(IndexMapperOptions options);
  ~IndexMapper();  // REQUIRES: no IndexHandle of this mapper is alive.
  IndexMapper(const IndexMapper&) = delete;
  IndexMapper& operator=(const IndexMapper&) = delete;

  // Catalogue (never opens an env). kInvalidArgument for a malformed uid.
  Result<IndexMeta> CreateIndex(const std::string& uid,
                                std::optional<std::string> primary_key = std::nullopt);
  // The files are removed once the last handle of the index drops.
  Status DeleteIndex(const std::string& uid);
  Status RenameIndex(const std::string& from, const std::string& to);
  // Registry::Swap, then the open envs answer to their new names. Handles
  // already held keep their env (a search in flight finishes on the index it
  // began with). kInvalidArgument for a malformed uid.
  Status SwapIndexes(const std::vector<IndexSwap>& swaps);
  Result<IndexMeta> GetIndex(const std::string& uid) const;
  Result<std::vector<IndexMeta>> ListIndexes(uint64_t offset, uint64_t limit) const;
  Result<uint64_t> CountIndexes() const;
  // Calls `fn` on every index in uid order, in one read transaction of the
  // registry (a consistent view, no copy of the catalogue): the view is valid
  // only during the call, and `fn` must not call back into the mapper.
  Status ForEachIndex(const std::function<void(const IndexMetaView&)>& fn) const;
  // Changes whenever the catalogue does (Registry::Generation): read before
  // ForEachIndex, it tells whether what that walk gave still holds.
  uint64_t CatalogueGeneration() const { return registry_->Generation(); }
  // The uids the catalogue changes numbered in (since, upto] touched, or
  // nullopt when that is no longer known (Registry::ChangedSince, whose
  // contract says why re-reading them brings an answer read at `since` up to
  // date).
  std::optional<std::vector<std::string>> CatalogueChangedSince(uint64_t since,
                                                                uint64_t upto) const {
    return registry_->ChangedSince(since, upto);
  }
  // Calls fn(uid, record or null when absent) for each of `uids`, in one read
  // transaction of the registry; same rules as ForEachIndex.
  Status ForEachIndexOf(
      const std::vector<std::string>& uids,
      const std::function<void(const std::string&, const IndexMetaView*)>& fn) const {
    return registry_->ForEachOf(uids, fn);
  }
  bool Exists(const std::string& uid) const;
  // A compacted copy of the registry into `dir` (Registry::CopyCompacted); the
  // index envs are copied through their handles (IndexHandle::CopyCompacted).
  Status CopyCatalogue(const std::string& dir) const { return registry_->CopyCompacted(dir); }
  // Records `stats` and the env's data size in the registry.
  Status UpdateStats(const IndexHandle& handle, const IndexStatsUpdate& stats);

  // Pins the index's env, opening it (and evicting others) when needed.
  // kNotFound when the index does not exist.
  Result<IndexHandle> Acquire(const std::string& uid);

  // Makes sure the env can take `bytes` more data without MDB_MAP_FULL, growing
  // its map in place when needed. REQUIRES: the calling thread holds no txn of
  // this index.
  Status EnsureRoom(const IndexHandle& handle, uint64_t bytes);
  // After MDB_MAP_FULL: at least doubles the map. Same REQUIRES as EnsureRoom.
  Status GrowAfterMapFull(const IndexHandle& handle);

  IndexMapperStats Stats() const;
  IndexMapperFaults& faults() { return faults_; }

 private:
  friend class IndexHandle;
  using EnvList = std::vector<std::shared_ptr<OpenEnv>>;

  IndexMapper(IndexMapperOptions options, std::unique_ptr<Registry> registry);
  std::string IndexDir(const std::string& uuid) const;

  // Charges `bytes` (and one env when `new_env`) against the budget, evicting
  // unpinned envs in LRU order and, when that is not enough, marking pinned ones
  // closing and waiting for them up to `pinned_wait`. `self` is never evicted.
  // Victims are closed with mu_ released (and retaken before returning).
  Status Reserve(uint64_t bytes, bool new_env, const OpenEnv* self) REQUIRES(mu_);
  // Closes `victims` (state kClosing, already uncharged) with mu_ released,
  // removes the directories of deleted ones, then forgets them.
  void CloseEnvs(EnvList victims) REQUIRES(mu_);
  // Called by the last handle of an env marked closing.
  void CloseIfUnused(const std::shared_ptr<OpenEnv>& env) EXCLUDES(mu_);
  // Marks `env` (pinned, open) for closing when its last pin drops; returns it
  // when it has no pins left, then already kClosing and uncharged.
  bool MarkClosing(OpenEnv& env) REQUIRES(mu_);
  void Uncharge(OpenEnv& env) REQUIRES(mu_);
  void StampRecency(OpenEnv& env) const;
  Status Grow(const IndexHandle& handle, uint64_t needed_bytes);
  // Reopens an env whose remap failed, at `map_size`. REQUIRES: env.gate held exclusively.
  Status Reopen(OpenEnv& env, uint64_t map_size);

  const IndexMapperOptions options_;
  const uint64_t max_open_envs_;
  std::unique_ptr<Registry> registry_;

  // Serializes catalogue changes (registry commit, then the in-memory mirror).
  Mutex catalog_mu_;

  mutable SharedMutex mu_;
  std::condition_variable_any changed_;  // an env opened, closed or was uncharged
  struct CatalogueEntry {
    std::string uuid;
    std::shared_ptr<OpenEnv> open;  // set while kOpen: a hit is one lookup
  };
  std::unordered_map<std::string, CatalogueEntry> catalogue_ GUARDED_BY(mu_);
  std::unordered_map<std::string, std::shared_ptr<OpenEnv>> envs_ GUARDED_BY(mu_);
  uint64_t charged_bytes_ GUARDED_BY(mu_) = 0;
  uint64_t charged_envs_ GUARDED_BY(mu_) = 0;
  // Uncharged envs whose files another thread is closing right now: they still
  // hold their fds, so a new env waits for them rather than exceed the fd limit.
  uint64_t closing_envs_ GUARDED_BY(mu_) = 0;

  // LRU recency: the number of misses so far. A hit stamps its env with it, so
  // hits never read a clock, and write only when a miss happened since the last.
  std::atomic<uint64_t> recency_epoch_{1};
  mutable std::atomic<uint64_t> misses_{0}, evictions_{0}, growths_{0}, failed_growths_{0};
  IndexMapperFaults faults_;
};

}  // namespace myriad::index_mapper
