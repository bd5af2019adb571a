// OpenEnv: the mapper's record of one index env that is open, opening or closing.
// Internal to index_mapper.
//
// Thread safety: `gate`, `pins`, `last_used` and `closing` are safe to use from
// any thread. `env` is written only while no handle can use it: before the
// state becomes kOpen, under the exclusive gate (growth), or once the env is
// kClosing (no pins). The fields marked "mapper" are guarded by IndexMapper::mu_.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/env.h"
#include "util/mutex.h"

namespace myriad::index_mapper {

struct OpenEnv {
  enum class State {
    kOpening,  // being opened by one thread, outside the mapper's lock
    kOpen,
    kClosing,  // unpinned and uncharged; being closed outside the lock
  };

  OpenEnv(std::string uid_in, std::string uuid_in, std::string dir_in)
      : uuid(std::move(uuid_in)), dir(std::move(dir_in)), uid(std::move(uid_in)) {}

  const std::string uuid;
  const std::string dir;
  std::unique_ptr<storage::Env> env;
  // Every transaction holds it shared; growing the map holds it exclusively.
  SharedMutex gate;
  std::atomic<int64_t> pins{0};
  std::atomic<uint64_t> last_used{0};  // IndexMapper::recency_epoch_ at the last acquire
  // Evicted or deleted while pinned: close when the last pin drops.
  std::atomic<bool> closing{false};
  // Serializes growers of this env (charging the growth, then remapping).
  Mutex grow_mu;

  // mapper:
  std::string uid;  // follows renames
  State state = State::kOpening;
  uint64_t charged_bytes = 0;  // map size + vas::kEnvOverheadBytes, against the budget
  bool deleted = false;        // remove the directory once closed
};

}  // namespace myriad::index_mapper
