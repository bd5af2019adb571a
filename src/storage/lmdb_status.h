// The one mapping of LMDB return codes and errno values to Status.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace myriad::storage {

// Maps an `mdb_*` return code (MDB_* or errno) to a Status; `what` names the
// operation and goes first in the message. MDB_SUCCESS maps to Ok.
Status FromLmdb(int rc, std::string_view what);

// As FromLmdb, for what mdb_txn_commit returned on the env `env`. LMDB reports
// a short pwrite as EIO, and a write that fills the filesystem is short: so an
// EIO while the filesystem holding the env has less than kFullFilesystemBytes
// free is kNoSpace (Meilisearch, too, reads EIO as a full disk; the free-space
// test keeps real I/O errors apart). REQUIRES: `env` is the txn's env, read
// before the commit frees the txn.
inline constexpr uint64_t kFullFilesystemBytes = 1 << 20;
Status FromLmdbCommit(int rc, MDB_env* env, std::string_view what);

}  // namespace myriad::storage
