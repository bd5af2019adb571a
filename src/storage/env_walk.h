// WalkDatabases: reads every entry of every database of an env, for integrity
// checks (`myriad check`). Touching every entry makes LMDB follow every branch,
// leaf and overflow page, so a damaged page is reported (MDB_CORRUPTED,
// MDB_PAGE_NOTFOUND) rather than met later by a search.
//
// Thread safety: uses one read transaction of its own on the calling thread.
// It opens database handles (mdb_dbi_open), so no other thread of the process
// may open handles on the same Env meanwhile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/env.h"
#include "util/result.h"

namespace myriad::storage {

struct DatabaseWalk {
  std::string name;           // empty for the unnamed main database
  uint64_t entries = 0;       // counted by the walk
  uint64_t stat_entries = 0;  // what the B-tree's root says (mdb_stat)
  uint32_t depth = 0;
  uint64_t pages = 0;  // branch + leaf + overflow pages
};

// The main database first, then every named database in name order. The
// main database's entries are the named databases' records unless the env
// also stores plain keys there. kCorruption when a walk's count disagrees with
// the root's, or when LMDB reports a damaged page.
Result<std::vector<DatabaseWalk>> WalkDatabases(const Env& env);

}  // namespace myriad::storage
