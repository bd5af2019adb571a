#include "index_mapper/index_handle.h"

#include "index_mapper/index_mapper.h"
#include "index_mapper/open_env.h"

namespace myriad::index_mapper {

template <typename Txn>
void GatedTxn<Txn>::GateRelease::operator()(OpenEnv* env) const NO_THREAD_SAFETY_ANALYSIS {
  env->gate.UnlockShared();
}

template class GatedTxn<storage::ReadTxn>;
template class GatedTxn<storage::WriteTxn>;

namespace {

// Holds the env's gate shared for the life of the returned guard.
template <typename Txn>
using Gate = std::unique_ptr<OpenEnv, typename GatedTxn<Txn>::GateRelease>;

Status Unavailable(const std::string& uid) {
  return Status::Busy("index `" + uid +
                      "` is unavailable: its map could not be remapped or reopened; retry later");
}

}  // namespace

IndexHandle::IndexHandle(IndexHandle&& other) noexcept
    : mapper_(other.mapper_), env_(std::move(other.env_)), uid_(std::move(other.uid_)) {}

IndexHandle& IndexHandle::operator=(IndexHandle&& other) noexcept {
  if (this != &other) {
    Release();
    mapper_ = other.mapper_;
    env_ = std::move(other.env_);
    uid_ = std::move(other.uid_);
  }
  return *this;
}

IndexHandle::~IndexHandle() { Release(); }

void IndexHandle::Release() {
  if (env_ == nullptr) return;
  if (env_->pins.fetch_sub(1) == 1 && env_->closing.load()) mapper_->CloseIfUnused(env_);
  env_.reset();
}

const std::string& IndexHandle::uuid() const { return env_->uuid; }

Result<IndexReadTxn> IndexHandle::BeginRead() const NO_THREAD_SAFETY_ANALYSIS {
  env_->gate.LockShared();
  Gate<storage::ReadTxn> gate(env_.get());
  if (env_->env == nullptr) return Unavailable(uid_);
  MYRIAD_ASSIGN_OR_RETURN(storage::ReadTxn txn, storage::ReadTxn::Begin(*env_->env));
  return IndexReadTxn(std::move(gate), std::move(txn));
}

Result<IndexWriteTxn> IndexHandle::BeginWrite() const NO_THREAD_SAFETY_ANALYSIS {
  env_->gate.LockShared();
  Gate<storage::WriteTxn> gate(env_.get());
  if (env_->env == nullptr) return Unavailable(uid_);
  MYRIAD_ASSIGN_OR_RETURN(storage::WriteTxn txn, storage::WriteTxn::Begin(*env_->env));
  return IndexWriteTxn(std::move(gate), std::move(txn));
}

Result<storage::Database> IndexHandle::OpenDatabase(const std::string& name, bool create) const {
  ReaderLock gate(env_->gate);
  if (env_->env == nullptr) return Unavailable(uid_);
  return env_->env->OpenDatabase(name, create);
}

Status IndexHandle::CreateDatabases(const std::vector<std::string>& names) const {
  ReaderLock gate(env_->gate);
  if (env_->env == nullptr) return Unavailable(uid_);
  return env_->env->CreateDatabases(names);
}

Result<storage::EnvUsage> IndexHandle::Usage() const {
  ReaderLock gate(env_->gate);
  if (env_->env == nullptr) return Unavailable(uid_);
  return env_->env->Usage();
}

Status IndexHandle::CopyCompacted(const std::string& dir) const {
  ReaderLock gate(env_->gate);
  if (env_->env == nullptr) return Unavailable(uid_);
  return env_->env->CopyCompacted(dir);
}

}  // namespace myriad::index_mapper
