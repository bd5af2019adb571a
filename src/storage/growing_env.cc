#include "storage/growing_env.h"

#include <algorithm>

#include "util/byte_size.h"

namespace myriad::storage {

Status GrowingEnv::Read(const std::function<Status(const ReadTxn&)>& fn) const {
  ReaderLock gate(gate_);
  MYRIAD_ASSIGN_OR_RETURN(ReadTxn txn, ReadTxn::Begin(*env_));
  return fn(txn);
}

Status GrowingEnv::Write(const std::function<Status(WriteTxn&)>& fn) {
  MutexLock lock(write_mu_);
  for (;;) {
    Status st;
    {
      ReaderLock gate(gate_);
      auto txn = WriteTxn::Begin(*env_);
      if (!txn.ok()) return txn.status();
      st = fn(*txn);
      if (st.ok()) st = std::move(*txn).Commit();
    }
    if (st.code() != StatusCode::kMapFull) return st;
    WriterLock gate(gate_);
    const uint64_t current = env_->map_size();
    if (current >= max_map_bytes_) {
      return Status::ResourceExhausted(name_ + " is full (" + FormatByteSize(current) + ")");
    }
    const uint64_t bigger = current > max_map_bytes_ / 2 ? max_map_bytes_ : 2 * current;
    MYRIAD_RETURN_IF_ERROR(env_->SetMapSize(bigger).WithContext("grow " + name_));
  }
}

Result<EnvUsage> GrowingEnv::Usage() const {
  ReaderLock gate(gate_);
  return env_->Usage();
}

Status GrowingEnv::CopyCompacted(const std::string& dir) const {
  ReaderLock gate(gate_);
  return env_->CopyCompacted(dir);
}

}  // namespace myriad::storage
