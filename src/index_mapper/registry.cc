#include "index_mapper/registry.h"

#include <sys/stat.h>

#include <algorithm>

#include "storage/cursor.h"
#include "util/byte_size.h"

namespace myriad::index_mapper {
namespace {

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

Status NotFound(const std::string& uid) {
  return Status::NotFound("index `" + uid + "` not found");
}

}  // namespace

Result<std::unique_ptr<Registry>> Registry::Open(const std::string& dir, bool no_sync,
                                                 size_t change_log_entries) {
  storage::EnvOptions options;
  options.map_size = RoundUp(2 * FileSize(dir + "/data.mdb") + 64 * kMiB, kMiB);
  options.max_dbs = 4;
  options.max_readers = 1024;
  options.no_sync = no_sync;
  MYRIAD_ASSIGN_OR_RETURN(auto env, storage::Env::Open(dir, options));
  MYRIAD_ASSIGN_OR_RETURN(storage::Database db, env->OpenDatabase("indexes", /*create=*/true));
  return std::unique_ptr<Registry>(new Registry(std::move(env), db, change_log_entries));
}

Status Registry::Create(const IndexMeta& meta) {
  return Write({meta.uid}, [&](storage::WriteTxn& txn) -> Status {
    Status st = txn.Put(db_, meta.uid, EncodeIndexMeta(meta), MDB_NOOVERWRITE);
    if (st.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("index `" + meta.uid + "` already exists");
    }
    return st;
  });
}

Result<IndexMeta> Registry::Get(const std::string& uid) const {
  std::optional<IndexMeta> meta;
  MYRIAD_RETURN_IF_ERROR(env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto value, txn.Get(db_, uid));
    if (!value) return NotFound(uid);
    MYRIAD_ASSIGN_OR_RETURN(meta, DecodeIndexMeta(uid, *value));
    return Status::Ok();
  }));
  return std::move(*meta);
}

Status Registry::ForEach(const std::function<void(const IndexMetaView&)>& fn) const {
  return env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, db_));
    for (auto more = cursor.First();; more = cursor.Next()) {
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
      MYRIAD_ASSIGN_OR_RETURN(IndexMetaView meta,
                              IndexMetaView::Parse(cursor.key(), cursor.value()));
      fn(meta);
    }
  });
}

Status Registry::ForEachOf(
    const std::vector<std::string>& uids,
    const std::function<void(const std::string&, const IndexMetaView*)>& fn) const {
  return env_.Read([&](const storage::ReadTxn& txn) -> Status {
    for (const std::string& uid : uids) {
      MYRIAD_ASSIGN_OR_RETURN(auto value, txn.Get(db_, uid));
      if (!value) {
        fn(uid, nullptr);
        continue;
      }
      MYRIAD_ASSIGN_OR_RETURN(IndexMetaView meta, IndexMetaView::Parse(uid, *value));
      fn(uid, &meta);
    }
    return Status::Ok();
  });
}

Result<std::vector<IndexMeta>> Registry::List(uint64_t offset, uint64_t limit) const {
  std::vector<IndexMeta> out;
  MYRIAD_RETURN_IF_ERROR(env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, db_));
    uint64_t skipped = 0;
    for (auto more = cursor.First(); out.size() < limit; more = cursor.Next()) {
      if (!more.ok()) return more.status();
      if (!*more) break;
      if (skipped < offset) {
        ++skipped;
        continue;
      }
      MYRIAD_ASSIGN_OR_RETURN(IndexMeta meta, DecodeIndexMeta(cursor.key(), cursor.value()));
      out.push_back(std::move(meta));
    }
    return Status::Ok();
  }));
  return out;
}

Result<uint64_t> Registry::Count() const {
  uint64_t n = 0;
  MYRIAD_RETURN_IF_ERROR(env_.Read([&](const storage::ReadTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(n, txn.EntryCount(db_));
    return Status::Ok();
  }));
  return n;
}

Status Registry::Update(const IndexMeta& meta) {
  return Write({meta.uid}, [&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto existing, txn.Get(db_, meta.uid));
    if (!existing) return NotFound(meta.uid);
    return txn.Put(db_, meta.uid, EncodeIndexMeta(meta));
  });
}

Status Registry::Delete(const std::string& uid) {
  return Write({uid}, [&](storage::WriteTxn& txn) -> Status {
    Status st = txn.Delete(db_, uid);
    return st.code() == StatusCode::kNotFound ? NotFound(uid) : st;
  });
}

Status Registry::Rename(const std::string& from, const std::string& to, int64_t now_ns) {
  return Swap({IndexSwap{from, to, /*rename=*/true}}, now_ns);
}

Status Registry::Swap(const std::vector<IndexSwap>& swaps, int64_t now_ns) {
  std::vector<std::string> touched;
  for (const IndexSwap& s : swaps) {
    touched.push_back(s.lhs);
    touched.push_back(s.rhs);
  }
  const auto read = [&](const storage::WriteTxn& txn,
                        const std::string& uid) -> Result<std::optional<IndexMeta>> {
    MYRIAD_ASSIGN_OR_RETURN(auto value, txn.Get(db_, uid));
    if (!value) return std::optional<IndexMeta>();
    MYRIAD_ASSIGN_OR_RETURN(IndexMeta meta, DecodeIndexMeta(uid, *value));
    return std::optional<IndexMeta>(std::move(meta));
  };
  const auto put_as = [&](storage::WriteTxn& txn, IndexMeta meta, const std::string& uid) {
    meta.uid = uid;
    meta.updated_at_ns = now_ns;
    return txn.Put(db_, uid, EncodeIndexMeta(meta));
  };
  return Write(std::move(touched), [&](storage::WriteTxn& txn) -> Status {
    for (const IndexSwap& s : swaps) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<IndexMeta> lhs, read(txn, s.lhs));
      if (!lhs) return NotFound(s.lhs);
      MYRIAD_ASSIGN_OR_RETURN(std::optional<IndexMeta> rhs, read(txn, s.rhs));
      if (s.rename) {
        if (rhs) return Status::AlreadyExists("index `" + s.rhs + "` already exists");
        MYRIAD_RETURN_IF_ERROR(txn.Delete(db_, s.lhs));
      } else {
        if (!rhs) return NotFound(s.rhs);
        MYRIAD_RETURN_IF_ERROR(put_as(txn, std::move(*rhs), s.lhs));
      }
      MYRIAD_RETURN_IF_ERROR(put_as(txn, std::move(*lhs), s.rhs));
    }
    return Status::Ok();
  });
}

Status Registry::Write(std::vector<std::string> uids,
                       const std::function<Status(storage::WriteTxn&)>& fn) {
  Status st = env_.Write(fn);
  // After the commit, failed or not (logging a write that changed nothing
  // only costs a reader a re-read).
  MutexLock lock(log_mu_);
  const uint64_t generation = ++last_generation_;
  log_.push_back(Change{generation, std::move(uids)});
  while (log_.size() > change_log_entries_) {
    trimmed_through_ = log_.front().generation;
    log_.pop_front();
  }
  generation_.store(generation, std::memory_order_release);
  return st;
}

std::optional<std::vector<std::string>> Registry::ChangedSince(uint64_t since,
                                                               uint64_t upto) const {
  std::vector<std::string> uids;
  {
    MutexLock lock(log_mu_);
    if (since > upto || since < trimmed_through_ || upto > last_generation_) return std::nullopt;
    // Numbers are consecutive: write g is log_[g - first].
    const uint64_t first = log_.empty() ? last_generation_ + 1 : log_.front().generation;
    for (uint64_t g = since + 1; g <= upto; ++g) {
      for (const std::string& uid : log_[g - first].uids) uids.push_back(uid);
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

}  // namespace myriad::index_mapper
