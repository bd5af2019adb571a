// FreePages: what LMDB's free list holds, read from its own database (FREE_DBI,
// as `mdb_stat -f` reads it).
//
// Why: a write txn takes pages from the free list before it extends the file, so
// the growth of the high-water mark (EnvUsage::used_bytes) understates what the
// txn wrote whenever free pages were there to reuse. What it reused is
//   before.total_pages + after.newest_pages - after.total_pages
// where `before` is read just before the txn and `after` just after its commit:
// the txn removed the records it reused from and added one, keyed by its own id,
// with the pages it freed (LMDB saves unused reclaimed pages back into the list).
//
// Thread safety: reads through the caller's transaction only.
#pragma once

#include <cstdint>

#include "storage/txn.h"
#include "util/result.h"

namespace myriad::storage {

struct FreePages {
  uint64_t total_pages = 0;   // in every record of the free list
  uint64_t newest_pages = 0;  // in the record of the txn that made `txn`'s snapshot
};

// Walks the free list as `txn` sees it. For a read txn, `newest_pages` are the
// pages the last committed write txn freed. REQUIRES: `txn` is live.
Result<FreePages> CountFreePages(const Txn& txn);

}  // namespace myriad::storage
