// GET /stats: the stats of every index in one answer, read from the registry
// only (no index env is opened).
//
// At 100,000 indexes the answer is 35 MB, and a walk of the whole registry to
// write it takes 60 ms or more. So the last answer given to a key that sees
// every index is kept (the snapshot) with the place of each index's fragment
// in it, and answers again while the catalogue and the indexing uid are
// unchanged. After a change it is patched, not rebuilt: the registry's change
// log (IndexMapper::CatalogueChangedSince) names the uids written since, only
// their records are read again (in one read transaction), and the new answer
// is the old one copied in long runs around their re-written fragments. When
// the log no longer reaches back, or names more than `max_patched` uids, a
// full walk rebuilds the snapshot. Either way the answer is byte for byte what
// a full walk reading the same records writes.
//
// Keys limited to some indexes get a filtered walk every time; their answers
// are never served from or stored into the snapshot.
//
// Thread safety: Answer may be called from any thread; the snapshot is shared
// (immutable once built) and builders take turns, so a change is read once
// however many requests wait for it.
// Ownership: borrows `mapper`, which must outlive this object.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/routes.h"
#include "index_mapper/index_mapper.h"
#include "util/mutex.h"
#include "util/result.h"

namespace myriad::http {

class GlobalStats {
 public:
  // How the answers were made, for tests.
  struct Counts {
    uint64_t hits = 0;     // the snapshot as it was
    uint64_t patches = 0;  // the snapshot patched
    uint64_t walks = 0;    // a full walk (every answer to a limited key is one)
  };

  static constexpr size_t kMaxPatched = 1'000;

  GlobalStats(const index_mapper::IndexMapper& mapper, IndexingProbe indexing,
              size_t max_patched = kMaxPatched)
      : mapper_(mapper), indexing_(std::move(indexing)), max_patched_(max_patched) {}
  GlobalStats(const GlobalStats&) = delete;
  GlobalStats& operator=(const GlobalStats&) = delete;

  // The answer to GET /stats for `req`'s key. For a key that sees every
  // index the body is shared (Response::shared_body), not copied.
  Response Answer(const Request& req) EXCLUDES(build_mu_, mu_);

  Counts counts() const { return Counts{hits_.load(), patches_.load(), walks_.load()}; }

 private:
  // An index's `"uid":{...}` fragment in a snapshot's body.
  struct Entry {
    size_t begin = 0;  // the uid's opening quote
    size_t end = 0;    // past the stats' closing brace
    uint64_t used_bytes = 0;
    int64_t updated_at_ns = 0;
  };
  struct Snapshot {
    uint64_t generation = 0;  // CatalogueGeneration() read before its records
    std::optional<std::string> indexing;
    std::shared_ptr<const std::string> body;
    std::vector<Entry> entries;  // in uid order, as the body
  };

  // A full walk: the answer for `req` and, when `entries` is set (REQUIRES:
  // req sees every index), each index's entry.
  Result<std::string> Walk(const Request& req, const std::optional<std::string>& indexing,
                           std::vector<Entry>* entries) const;
  // `last` brought up to `generation`, or null when the change log cannot say
  // what changed in few enough uids.
  Result<std::shared_ptr<const Snapshot>> Patch(const Snapshot& last, uint64_t generation,
                                                const std::optional<std::string>& indexing) const;
  std::shared_ptr<const Snapshot> Current() const EXCLUDES(mu_);

  const index_mapper::IndexMapper& mapper_;
  const IndexingProbe indexing_;
  const size_t max_patched_;
  Mutex build_mu_;  // held while a snapshot is built; taken before mu_
  mutable Mutex mu_;
  std::shared_ptr<const Snapshot> snapshot_ GUARDED_BY(mu_);
  std::atomic<uint64_t> hits_{0}, patches_{0}, walks_{0};
};

}  // namespace myriad::http
