// GrowingEnv: an Env shared by threads whose write transactions never fail for
// lack of map: on MDB_MAP_FULL the write is aborted, the map doubled (up to a
// cap) and the write replayed. For small envs of their own, such as the registry
// and the task store; index envs grow through the index mapper instead.
//
// Thread safety: every method may be called from any thread. Writes are
// serialized; every transaction holds a gate shared, growth holds it exclusively,
// so the map never moves under a reader.
// Ownership: owns its Env.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "storage/env.h"
#include "storage/txn.h"
#include "util/mutex.h"

namespace myriad::storage {

class GrowingEnv {
 public:
  // `name` names the env in errors ("the task store").
  GrowingEnv(std::unique_ptr<Env> env, std::string name,
             uint64_t max_map_bytes = std::numeric_limits<uint64_t>::max())
      : env_(std::move(env)), name_(std::move(name)), max_map_bytes_(max_map_bytes) {}

  // Runs `fn` in a read transaction.
  Status Read(const std::function<Status(const ReadTxn&)>& fn) const;
  // Runs `fn` in a write transaction and commits it; on MAP_FULL grows and
  // replays `fn`, which must therefore be repeatable. kResourceExhausted once
  // the map is at max_map_bytes.
  Status Write(const std::function<Status(WriteTxn&)>& fn) EXCLUDES(write_mu_);
  Result<EnvUsage> Usage() const;
  // Env::CopyCompacted under the gate.
  Status CopyCompacted(const std::string& dir) const;

  // For opening databases at set-up. REQUIRES: no transaction of this env is
  // active in the calling thread.
  Env& env() { return *env_; }
  uint64_t max_map_bytes() const { return max_map_bytes_; }

 private:
  const std::unique_ptr<Env> env_;
  const std::string name_;
  const uint64_t max_map_bytes_;
  Mutex write_mu_;
  mutable SharedMutex gate_;
};

}  // namespace myriad::storage
