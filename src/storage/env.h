// Env: one LMDB environment (a directory holding data.mdb and lock.mdb).
//
// Thread safety: an Env may be shared by threads. OpenDatabase() is internally
// synchronized. SetMapSize() is not: the caller must guarantee that no
// transaction of this Env is active in this process (the index mapper's gate).
// Ownership: the Env owns its MDB_env and closes it in its destructor; every
// transaction and cursor must be gone by then.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "util/mutex.h"
#include "util/result.h"

namespace myriad::storage {

struct EnvOptions {
  // Always explicit: LMDB never adopts the size stored in the file, so a database
  // moves between machines with different address spaces. Rounded up to the page size.
  uint64_t map_size = 0;
  unsigned max_dbs = 16;
  unsigned max_readers = 126;
  // Create the directory if missing.
  bool create = true;
  // MDB_NOSYNC: for tests and benchmarks that measure something else.
  bool no_sync = false;
};

// A named database handle; valid for the life of the Env that opened it.
struct Database {
  MDB_dbi dbi = 0;
};

// The high-water mark of the data file, and the map.
struct EnvUsage {
  uint64_t used_bytes = 0;  // (last page number + 1) * page size
  uint64_t map_size = 0;
  uint32_t page_size = 0;
};

class Env {
 public:
  // Opens (creating when options.create) the environment in `dir`, with
  // MDB_NOTLS so that transactions are not bound to threads' TLS slots.
  // REQUIRES: options.map_size > 0; `dir` is not open elsewhere in this process.
  static Result<std::unique_ptr<Env>> Open(const std::string& dir, const EnvOptions& options);

  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // Opens a named database, creating it when `create` and it is missing; handles
  // are cached by name. An existing database is opened in a read transaction, so
  // a first open never waits for this env's writer. REQUIRES: the calling thread
  // holds no transaction on this Env (LMDB allows one writer).
  Result<Database> OpenDatabase(const std::string& name, bool create) EXCLUDES(dbs_mu_);
  // Opens every database of `names`, creating the missing ones in one write
  // transaction (one commit, where opening them one by one costs one each).
  // REQUIRES: as OpenDatabase.
  Status CreateDatabases(const std::vector<std::string>& names) EXCLUDES(dbs_mu_);

  // Remaps the environment at `bytes` (rounded up to a page, and never below the
  // data). On failure LMDB leaves the env unmapped: the caller must close it.
  // REQUIRES: no transaction of this Env is active in this process.
  Status SetMapSize(uint64_t bytes);

  Result<EnvUsage> Usage() const;
  uint64_t map_size() const;
  // Writes a compacted copy of the env, as of one read transaction, to
  // `dir`/data.mdb (mdb_env_copyfd2 with MDB_CP_COMPACT): free pages are left
  // out, so the copy is as small as the data. The copy is not fsynced. `dir`
  // is created when missing and must not hold a data.mdb. Readers and the
  // writer go on meanwhile.
  // REQUIRES: the map does not move during the call (hold the env's gate).
  Status CopyCompacted(const std::string& dir) const;
  Status Sync();

  const std::string& path() const { return path_; }
  MDB_env* raw() const { return env_; }

 private:
  Env(MDB_env* env, std::string path) : env_(env), path_(std::move(path)) {}

  // Opens the existing databases of `names` into dbs_ and returns the missing ones.
  Result<std::vector<std::string>> OpenExisting(const std::vector<std::string>& names)
      REQUIRES(dbs_mu_);

  MDB_env* const env_;
  const std::string path_;
  Mutex dbs_mu_;
  std::unordered_map<std::string, Database> dbs_ GUARDED_BY(dbs_mu_);
};

}  // namespace myriad::storage
