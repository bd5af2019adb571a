#include "storage/lmdb_status.h"

#include <lmdb.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace myriad::storage {

Status FromLmdb(int rc, std::string_view what) {
  if (rc == MDB_SUCCESS) return Status::Ok();
  std::string msg(what);
  msg += ": ";
  msg += mdb_strerror(rc);
  switch (rc) {
    case MDB_NOTFOUND:
      return Status::NotFound(std::move(msg));
    case MDB_KEYEXIST:
      return Status::AlreadyExists(std::move(msg));
    case MDB_MAP_FULL:
      return Status::MapFull(std::move(msg));
    case MDB_DBS_FULL:
    case MDB_READERS_FULL:
    case MDB_TLS_FULL:
    case MDB_TXN_FULL:
    case MDB_CURSOR_FULL:
    case MDB_PAGE_FULL:
      return Status::ResourceExhausted(std::move(msg));
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_PANIC:
      return Status::Corruption(std::move(msg));
    case MDB_MAP_RESIZED:
    case MDB_INCOMPATIBLE:
    case MDB_BAD_RSLOT:
    case MDB_BAD_TXN:
    case MDB_BAD_DBI:
      return Status::FailedPrecondition(std::move(msg));
    case MDB_BAD_VALSIZE:
    case EINVAL:
      return Status::InvalidArgument(std::move(msg));
    case ENOMEM:
      // mmap cannot tell RLIMIT_AS, lack of address space and vm.max_map_count apart.
      return Status::AddressSpaceExhausted(std::move(msg));
    case ENOENT:
      return Status::NotFound(std::move(msg));
    case EEXIST:
      return Status::AlreadyExists(std::move(msg));
    case EBUSY:
    case EAGAIN:
      return Status::Busy(std::move(msg));
    case EMFILE:
    case ENFILE:
      return Status::ResourceExhausted(std::move(msg));
    case ENOSPC:
    case EDQUOT:
      // A commit's pwrite or fdatasync found the disk full; the txn is aborted
      // and the env stays usable (MDB_WRITEMAP is never used, so no SIGBUS).
      return Status::NoSpace(std::move(msg));
    case EACCES:
    case EPERM:
    case EROFS:
    case EIO:
      return Status::IoError(std::move(msg));
    default:
      return rc > 0 ? Status::IoError(std::move(msg)) : Status::Internal(std::move(msg));
  }
}

Status FromLmdbCommit(int rc, MDB_env* env, std::string_view what) {
  if (rc != EIO) return FromLmdb(rc, what);
  const char* dir = nullptr;
  struct statvfs fs;
  if (mdb_env_get_path(env, &dir) != 0 || dir == nullptr || ::statvfs(dir, &fs) != 0) {
    return FromLmdb(rc, what);
  }
  // Root may use the blocks reserved for it; others only what is available.
  const uint64_t blocks = ::geteuid() == 0 ? fs.f_bfree : fs.f_bavail;
  const uint64_t free_bytes = blocks * fs.f_frsize;
  if (free_bytes >= kFullFilesystemBytes) return FromLmdb(rc, what);
  return Status::NoSpace(std::string(what) + ": a short write, the filesystem of " + dir + " has " +
                         std::to_string(free_bytes) + " bytes free");
}

}  // namespace myriad::storage
