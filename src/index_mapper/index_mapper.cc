#include "index_mapper/index_mapper.h"

#include <malloc.h>
#include <sys/stat.h>

#include <filesystem>
#include <limits>
#include <unordered_set>

#include "index_mapper/map_sizing.h"
#include "util/clock.h"

namespace myriad::index_mapper {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

void RemoveDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

Status IndexNotFound(const std::string& uid) {
  return Status::NotFound("index `" + uid + "` not found");
}

Status InvalidUid(const std::string& uid) {
  return Status::InvalidArgument("`" + uid +
                                 "` is not a valid index uid: it can be an alphanumeric string "
                                 "of 1 to 400 characters, with hyphens (-) and underscores (_)");
}

}  // namespace

IndexMapper::IndexMapper(IndexMapperOptions options, std::unique_ptr<Registry> registry)
    : options_(std::move(options)),
      max_open_envs_(vas::MaxOpenEnvs(options_.budget.limits)),
      registry_(std::move(registry)) {}

IndexMapper::~IndexMapper() {
  WriterLock lock(mu_);
  envs_.clear();  // closes every env; REQUIRES says no handle is alive
}

Result<std::unique_ptr<IndexMapper>> IndexMapper::Open(IndexMapperOptions options) {
  if (options.root.empty()) return Status::InvalidArgument("IndexMapper: root is empty");
  // LMDB callocs 3 MiB of page lists per env it opens. A fixed mmap threshold
  // keeps them mmapped, untouched and so not resident; glibc's dynamic threshold
  // would rise after the first env closes and serve them zeroed from the heap
  // (measured: 180 KiB and growing vs 72 KiB of RSS per open env). Process-wide.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  std::error_code ec;
  std::filesystem::create_directories(options.root + "/indexes", ec);
  if (ec) return Status::IoError("create " + options.root + "/indexes: " + ec.message());
  MYRIAD_ASSIGN_OR_RETURN(auto registry,
                          Registry::Open(options.root + "/registry", options.no_sync));
  std::unique_ptr<IndexMapper> mapper(new IndexMapper(std::move(options), std::move(registry)));

  std::unordered_map<std::string, CatalogueEntry> catalogue;
  std::unordered_set<std::string> known;
  MYRIAD_RETURN_IF_ERROR(mapper->registry_->ForEach([&](const IndexMetaView& meta) {
    catalogue.emplace(meta.uid, CatalogueEntry{std::string(meta.uuid), nullptr});
    known.emplace(meta.uuid);
  }));
  {
    WriterLock lock(mapper->mu_);
    mapper->catalogue_ = std::move(catalogue);
  }
  for (const auto& entry :
       std::filesystem::directory_iterator(mapper->options_.root + "/indexes", ec)) {
    if (!known.contains(entry.path().filename().string())) RemoveDir(entry.path().string());
  }
  return mapper;
}

std::string IndexMapper::IndexDir(const std::string& uuid) const {
  return options_.root + "/indexes/" + uuid;
}

Result<IndexMeta> IndexMapper::CreateIndex(const std::string& uid,
                                           std::optional<std::string> primary_key) {
  if (!IsValidIndexUid(uid)) return InvalidUid(uid);
  IndexMeta meta;
  meta.uid = uid;
  meta.uuid = NewUuid();
  meta.primary_key = std::move(primary_key);
  meta.created_at_ns = meta.updated_at_ns = WallClockNs();
  MutexLock catalog(catalog_mu_);
  MYRIAD_RETURN_IF_ERROR(registry_->Create(meta));
  WriterLock lock(mu_);
  catalogue_.emplace(uid, CatalogueEntry{meta.uuid, nullptr});
  return meta;
}

Status IndexMapper::DeleteIndex(const std::string& uid) {
  MutexLock catalog(catalog_mu_);
  MYRIAD_RETURN_IF_ERROR(registry_->Delete(uid));
  std::string unopened_dir;
  {
    WriterLock lock(mu_);
    auto entry = catalogue_.find(uid);
    if (entry == catalogue_.end()) return Status::Ok();
    const std::string uuid = entry->second.uuid;
    catalogue_.erase(entry);
    auto it = envs_.find(uuid);
    if (it == envs_.end()) {
      unopened_dir = IndexDir(uuid);
    } else {
      // Whoever closes the env removes its directory: this thread now, the last
      // handle later, or the thread already closing or opening it.
      std::shared_ptr<OpenEnv> env = it->second;
      env->deleted = true;
      env->closing.store(true);
      if (env->state == OpenEnv::State::kOpen && MarkClosing(*env)) CloseEnvs({env});
    }
  }
  if (!unopened_dir.empty()) RemoveDir(unopened_dir);
  return Status::Ok();
}

Status IndexMapper::RenameIndex(const std::string& from, const std::string& to) {
  return SwapIndexes({IndexSwap{from, to, /*rename=*/true}});
}

Status IndexMapper::SwapIndexes(const std::vector<IndexSwap>& swaps) {
  for (const IndexSwap& s : swaps) {
    if (!IsValidIndexUid(s.rhs)) return InvalidUid(s.rhs);
  }
  MutexLock catalog(catalog_mu_);
  MYRIAD_RETURN_IF_ERROR(registry_->Swap(swaps, WallClockNs()));
  WriterLock lock(mu_);
  for (const IndexSwap& s : swaps) {
    std::vector<std::pair<decltype(catalogue_)::node_type, const std::string*>> moved;
    moved.emplace_back(catalogue_.extract(s.lhs), &s.rhs);
    if (!s.rename) moved.emplace_back(catalogue_.extract(s.rhs), &s.lhs);
    for (auto& [node, uid] : moved) {
      node.key() = *uid;
      if (auto it = envs_.find(node.mapped().uuid); it != envs_.end()) it->second->uid = *uid;
      catalogue_.insert(std::move(node));
    }
  }
  return Status::Ok();
}

Result<IndexMeta> IndexMapper::GetIndex(const std::string& uid) const {
  return registry_->Get(uid);
}

Result<std::vector<IndexMeta>> IndexMapper::ListIndexes(uint64_t offset, uint64_t limit) const {
  return registry_->List(offset, limit);
}

Result<uint64_t> IndexMapper::CountIndexes() const { return registry_->Count(); }

Status IndexMapper::ForEachIndex(const std::function<void(const IndexMetaView&)>& fn) const {
  return registry_->ForEach(fn);
}

bool IndexMapper::Exists(const std::string& uid) const {
  ReaderLock lock(mu_);
  return catalogue_.contains(uid);
}

Status IndexMapper::UpdateStats(const IndexHandle& handle, const IndexStatsUpdate& stats) {
  MYRIAD_ASSIGN_OR_RETURN(storage::EnvUsage usage, handle.Usage());
  MutexLock catalog(catalog_mu_);
  MYRIAD_ASSIGN_OR_RETURN(IndexMeta meta, registry_->Get(handle.uid()));
  if (meta.uuid != handle.uuid()) return IndexNotFound(handle.uid());  // deleted and recreated
  meta.document_count = stats.document_count;
  if (stats.primary_key) meta.primary_key = stats.primary_key;
  if (stats.field_distribution) meta.field_distribution = *stats.field_distribution;
  meta.used_bytes = usage.used_bytes;
  meta.updated_at_ns = WallClockNs();
  return registry_->Update(meta);
}

Result<IndexHandle> IndexMapper::Acquire(const std::string& uid) {
  {
    ReaderLock lock(mu_);
    auto entry = catalogue_.find(uid);
    if (entry == catalogue_.end()) return IndexNotFound(uid);
    const std::shared_ptr<OpenEnv>& open = entry->second.open;
    if (open != nullptr && open->state == OpenEnv::State::kOpen) {
      OpenEnv& env = *open;
      env.pins.fetch_add(1);
      // A hit revives an env that was waiting for its last pin to close.
      if (!env.deleted && env.closing.load(std::memory_order_relaxed)) env.closing.store(false);
      StampRecency(env);
      return IndexHandle(this, open, uid);
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  recency_epoch_.fetch_add(1, std::memory_order_relaxed);

  WriterLock lock(mu_);
  const auto deadline = Clock::now() + options_.pinned_wait;
  for (;;) {
    auto entry = catalogue_.find(uid);
    if (entry == catalogue_.end()) return IndexNotFound(uid);
    const std::string uuid = entry->second.uuid;
    if (auto it = envs_.find(uuid); it != envs_.end()) {
      std::shared_ptr<OpenEnv> env = it->second;
      if (env->state == OpenEnv::State::kOpen) {
        env->pins.fetch_add(1);
        if (!env->deleted) env->closing.store(false);
        StampRecency(*env);
        return IndexHandle(this, std::move(env), uid);
      }
      // Another thread is opening or closing this env; it never waits on us.
      if (changed_.wait_until(mu_, deadline) == std::cv_status::timeout) {
        return Status::Busy("index `" + uid + "` is still being opened or closed");
      }
      continue;
    }

    auto env = std::make_shared<OpenEnv>(uid, uuid, IndexDir(uuid));
    const uint64_t data_bytes = FileSize(env->dir + "/data.mdb");
    const uint64_t map_size = MapSizeFor(data_bytes, options_.budget.max_map_bytes);
    if (map_size < data_bytes) {
      return Status::AddressSpaceExhausted("index `" + uid + "` holds " +
                                           FormatByteSize(data_bytes) +
                                           " but the largest map this process can hold is " +
                                           FormatByteSize(options_.budget.max_map_bytes));
    }
    envs_.emplace(uuid, env);  // kOpening: nobody else opens it meanwhile
    const uint64_t charge = map_size + vas::kEnvOverheadBytes;
    Status reserved = Reserve(charge, /*new_env=*/true, env.get());
    if (!reserved.ok()) {
      envs_.erase(uuid);
      changed_.notify_all();
      // Deleted while Reserve waited: its files were left to this opener.
      if (env->deleted) {
        lock.Unlock();
        RemoveDir(env->dir);
      }
      return reserved.WithContext("open index `" + uid + "`");
    }
    env->charged_bytes = charge;

    lock.Unlock();
    storage::EnvOptions env_options;
    env_options.map_size = map_size;
    env_options.max_dbs = 64;
    env_options.max_readers = 1024;
    env_options.no_sync = options_.no_sync;
    env_options.create = data_bytes == 0;  // a new index: make its directory
    auto opened = storage::Env::Open(env->dir, env_options);
    lock.Relock();

    if (!opened.ok()) {
      Uncharge(*env);
      envs_.erase(uuid);
      changed_.notify_all();
      if (env->deleted) {  // as above
        lock.Unlock();
        RemoveDir(env->dir);
      }
      return opened.status().WithContext("open index `" + uid + "`");
    }
    env->env = std::move(opened).value();
    env->state = OpenEnv::State::kOpen;
    if (auto now = catalogue_.find(env->uid); now != catalogue_.end() && now->second.uuid == uuid) {
      now->second.open = env;
    }
    env->pins.store(1);
    env->closing.store(env->deleted);
    StampRecency(*env);
    changed_.notify_all();
    return IndexHandle(this, std::move(env), uid);
  }
}

Status IndexMapper::Reserve(uint64_t bytes, bool new_env, const OpenEnv* self) {
  const uint64_t usable = options_.budget.usable_bytes;
  if (bytes > usable) {
    return Status::AddressSpaceExhausted("a map of " + FormatByteSize(bytes) +
                                         " does not fit in the whole address budget of " +
                                         FormatByteSize(usable));
  }
  const auto deadline = Clock::now() + options_.pinned_wait;
  for (;;) {
    const bool bytes_fit = charged_bytes_ + bytes <= usable;
    const bool count_fits = !new_env || charged_envs_ + closing_envs_ < max_open_envs_;
    if (bytes_fit && count_fits) {
      charged_bytes_ += bytes;
      if (new_env) ++charged_envs_;
      return Status::Ok();
    }
    const bool closes_will_free_fds = !count_fits && charged_envs_ < max_open_envs_;
    if (bytes_fit && closes_will_free_fds) {
      // Only envs other threads are closing hold the fds: wait for them.
      if (changed_.wait_until(mu_, deadline) == std::cv_status::timeout) {
        return Status::AddressSpaceExhausted(std::to_string(closing_envs_) +
                                             " indexes closing by other threads hold the fds");
      }
      continue;
    }
    // One scan, oldest first. Unpinned envs are evicted in batches of at least
    // 1/256 of those open (or of the budget), so that under churn the scan is paid
    // once per batch, not once per miss.
    std::vector<OpenEnv*> lru;
    for (const auto& [uuid, env] : envs_) {
      if (env.get() != self && env->state == OpenEnv::State::kOpen) lru.push_back(env.get());
    }
    std::sort(lru.begin(), lru.end(), [](const OpenEnv* a, const OpenEnv* b) {
      return a->last_used.load(std::memory_order_relaxed) <
             b->last_used.load(std::memory_order_relaxed);
    });
    const uint64_t bytes_short =
        bytes_fit ? 0 : std::max(charged_bytes_ + bytes - usable, usable / 256);
    const uint64_t envs_short = count_fits ? 0 : std::max<uint64_t>(1, charged_envs_ / 256);
    EnvList victims;
    uint64_t freed_bytes = 0;
    for (OpenEnv* env : lru) {
      if (freed_bytes >= bytes_short && victims.size() >= envs_short) break;
      const uint64_t charged = env->charged_bytes;
      if (env->pins.load() != 0 || !MarkClosing(*env)) continue;
      victims.push_back(envs_.at(env->uuid));
      freed_bytes += charged;
      evictions_.fetch_add(1, std::memory_order_relaxed);
    }
    if (victims.empty()) {
      // Every candidate is pinned: ask the least recently used to close when released.
      uint64_t marked_bytes = 0;
      uint64_t marked = 0;
      for (OpenEnv* env : lru) {
        if (marked_bytes >= bytes_short && marked >= (count_fits ? 0 : 1)) break;
        marked_bytes += env->charged_bytes;
        ++marked;
        if (MarkClosing(*env)) victims.push_back(envs_.at(env->uuid));  // released meanwhile
      }
    }
    if (!victims.empty()) {
      CloseEnvs(std::move(victims));
      continue;
    }
    if (changed_.wait_until(mu_, deadline) == std::cv_status::timeout) {
      return Status::AddressSpaceExhausted(
          "no room for a map of " + FormatByteSize(bytes) + ": " + FormatByteSize(charged_bytes_) +
          " of the " + FormatByteSize(usable) + " address budget is held by " +
          std::to_string(charged_envs_) + " indexes in use (at most " +
          std::to_string(max_open_envs_) + " can be open)");
    }
  }
}

void IndexMapper::StampRecency(OpenEnv& env) const {
  // Read first: in steady state a hot env is already stamped and a hit writes nothing.
  const uint64_t epoch = recency_epoch_.load(std::memory_order_relaxed);
  if (env.last_used.load(std::memory_order_relaxed) != epoch) {
    env.last_used.store(epoch, std::memory_order_relaxed);
  }
}

bool IndexMapper::MarkClosing(OpenEnv& env) {
  // Store first, then read the pins: a releaser either sees `closing` or has
  // already dropped its pin by the time we read them.
  env.closing.store(true);
  if (env.pins.load() != 0) return false;
  env.state = OpenEnv::State::kClosing;
  Uncharge(env);
  ++closing_envs_;
  return true;
}

void IndexMapper::Uncharge(OpenEnv& env) {
  charged_bytes_ -= env.charged_bytes;
  --charged_envs_;
  env.charged_bytes = 0;
}

void IndexMapper::CloseEnvs(EnvList victims) {
  mu_.Unlock();
  if (faults_.before_close) faults_.before_close();
  for (const auto& env : victims) env->env.reset();  // kClosing: no pins, no new txns
  mu_.Lock();
  closing_envs_ -= victims.size();
  std::vector<std::string> deleted_dirs;
  for (const auto& env : victims) {
    if (auto it = envs_.find(env->uuid); it != envs_.end() && it->second == env) envs_.erase(it);
    if (auto c = catalogue_.find(env->uid); c != catalogue_.end() && c->second.open == env) {
      c->second.open.reset();
    }
    if (env->deleted) deleted_dirs.push_back(env->dir);
  }
  changed_.notify_all();
  if (!deleted_dirs.empty()) {
    mu_.Unlock();
    for (const auto& dir : deleted_dirs) RemoveDir(dir);
    mu_.Lock();
  }
}

void IndexMapper::CloseIfUnused(const std::shared_ptr<OpenEnv>& env) {
  WriterLock lock(mu_);
  if (env->state != OpenEnv::State::kOpen || !env->closing.load()) return;
  if (MarkClosing(*env)) CloseEnvs({env});
}

Status IndexMapper::EnsureRoom(const IndexHandle& handle, uint64_t bytes) {
  MYRIAD_ASSIGN_OR_RETURN(storage::EnvUsage usage, handle.Usage());
  const uint64_t needed = usage.used_bytes + bytes + bytes / 8;
  if (needed <= usage.map_size) return Status::Ok();
  return Grow(handle, needed);
}

Status IndexMapper::GrowAfterMapFull(const IndexHandle& handle) {
  MYRIAD_ASSIGN_OR_RETURN(storage::EnvUsage usage, handle.Usage());
  return Grow(handle, usage.map_size + 1);
}

Status IndexMapper::Grow(const IndexHandle& handle, uint64_t needed) {
  OpenEnv& env = *handle.env_;
  const uint64_t max_map = options_.budget.max_map_bytes;
  auto fail = [&](Status st) {
    failed_growths_.fetch_add(1, std::memory_order_relaxed);
    return st.WithContext("grow index `" + handle.uid() + "`");
  };
  if (needed > max_map) {
    return fail(Status::AddressSpaceExhausted("it needs a map of " + FormatByteSize(needed) +
                                              " but the largest this process can hold is " +
                                              FormatByteSize(max_map)));
  }
  MutexLock grow(env.grow_mu);
  MYRIAD_ASSIGN_OR_RETURN(storage::EnvUsage usage, handle.Usage());
  if (needed <= usage.map_size) return Status::Ok();  // another grower got there first
  const uint64_t target = MapSizeFor(needed, max_map);
  uint64_t delta = 0;
  {
    WriterLock lock(mu_);
    if (target + vas::kEnvOverheadBytes > env.charged_bytes) {
      delta = target + vas::kEnvOverheadBytes - env.charged_bytes;
      Status st = Reserve(delta, /*new_env=*/false, &env);
      if (!st.ok()) return fail(st);
      env.charged_bytes += delta;
    }
  }
  Status st;
  {
    WriterLock gate(env.gate);  // waits for this env's transactions to end
    // LMDB unmaps the old map before it maps the new one: when RLIMIT_AS leaves
    // no room for both side by side, it is enough that the growth fits (should
    // the remap still fail, the env is reopened at its old size below).
    if (!vas::CanReserve(target) && !vas::CanReserve(target - usage.map_size)) {
      st = Status::AddressSpaceExhausted("no free range of " + FormatByteSize(target) +
                                         " in the address space");
    } else {
      const bool inject = faults_.fail_next_remap.exchange(false);
      st = env.env->SetMapSize(inject ? uint64_t{1} << 62 : target);
      if (!st.ok()) {
        // LMDB leaves a failed remap unmapped: only close-and-reopen recovers.
        Status reopened = Reopen(env, usage.map_size);
        if (!reopened.ok()) st = st.WithContext(reopened.message());
      }
    }
  }
  if (!st.ok()) {
    WriterLock lock(mu_);
    charged_bytes_ -= delta;
    env.charged_bytes -= delta;
    changed_.notify_all();
    return fail(st);
  }
  growths_.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

Status IndexMapper::Reopen(OpenEnv& env, uint64_t map_size) {
  env.env.reset();
  storage::EnvOptions env_options;
  env_options.map_size = map_size;
  env_options.max_dbs = 64;
  env_options.max_readers = 1024;
  env_options.no_sync = options_.no_sync;
  auto opened = storage::Env::Open(env.dir, env_options);
  if (!opened.ok()) {
    env.closing.store(true);  // handles fail as unavailable; the last one closes it
    return opened.status().WithContext("reopen at " + FormatByteSize(map_size));
  }
  env.env = std::move(opened).value();
  return Status::Ok();
}

IndexMapperStats IndexMapper::Stats() const {
  ReaderLock lock(mu_);
  IndexMapperStats s;
  s.open_envs = charged_envs_;
  s.charged_bytes = charged_bytes_;
  s.usable_bytes = options_.budget.usable_bytes;
  s.max_open_envs = max_open_envs_;
  s.misses = misses_.load();
  s.evictions = evictions_.load();
  s.growths = growths_.load();
  s.failed_growths = failed_growths_.load();
  return s;
}

}  // namespace myriad::index_mapper
