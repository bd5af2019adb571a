#include "index_mapper/registry.h"

#include <sys/stat.h>

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

Result<std::unique_ptr<Registry>> Registry::Open(const std::string& dir, bool no_sync) {
  storage::EnvOptions options;
  options.map_size = RoundUp(2 * FileSize(dir + "/data.mdb") + 64 * kMiB, kMiB);
  options.max_dbs = 4;
  options.max_readers = 1024;
  options.no_sync = no_sync;
  MYRIAD_ASSIGN_OR_RETURN(auto env, storage::Env::Open(dir, options));
  MYRIAD_ASSIGN_OR_RETURN(storage::Database db, env->OpenDatabase("indexes", /*create=*/true));
  return std::unique_ptr<Registry>(new Registry(std::move(env), db));
}

Status Registry::Create(const IndexMeta& meta) {
  return Write([&](storage::WriteTxn& txn) -> Status {
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
  return Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto existing, txn.Get(db_, meta.uid));
    if (!existing) return NotFound(meta.uid);
    return txn.Put(db_, meta.uid, EncodeIndexMeta(meta));
  });
}

Status Registry::Delete(const std::string& uid) {
  return Write([&](storage::WriteTxn& txn) -> Status {
    Status st = txn.Delete(db_, uid);
    return st.code() == StatusCode::kNotFound ? NotFound(uid) : st;
  });
}

Status Registry::Rename(const std::string& from, const std::string& to, int64_t now_ns) {
  return Write([&](storage::WriteTxn& txn) -> Status {
    MYRIAD_ASSIGN_OR_RETURN(auto value, txn.Get(db_, from));
    if (!value) return NotFound(from);
    MYRIAD_ASSIGN_OR_RETURN(IndexMeta meta, DecodeIndexMeta(from, *value));
    MYRIAD_ASSIGN_OR_RETURN(auto taken, txn.Get(db_, to));
    if (taken) return Status::AlreadyExists("index `" + to + "` already exists");
    meta.uid = to;
    meta.updated_at_ns = now_ns;
    MYRIAD_RETURN_IF_ERROR(txn.Delete(db_, from));
    return txn.Put(db_, to, EncodeIndexMeta(meta));
  });
}

Status Registry::Write(const std::function<Status(storage::WriteTxn&)>& fn) {
  Status st = env_.Write(fn);
  // After the commit, failed or not (counting a write that changed nothing
  // only costs a reader a rebuild).
  generation_.fetch_add(1, std::memory_order_release);
  return st;
}

}  // namespace myriad::index_mapper
