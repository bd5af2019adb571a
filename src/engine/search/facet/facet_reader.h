// Reading one field's entries of a facet database: point reads and ordered
// scans over a field id's keys with LMDB cursor seeks.
//
// Thread safety: as the transaction (one thread).  Views passed to visitors
// are valid only during the call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>

#include "engine/indexing/facet/facet_dbs.h"
#include "engine/indexing/facet/facet_keys.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::facet {

// One end of a range over the part of a key after the field id.
struct KeyBound {
  std::string bytes;
  bool inclusive = true;
};

// The bitmap under `key`, empty when the key is absent (or longer than any
// stored key can be).
Result<Roaring> ReadBitmap(const storage::Txn& txn, storage::Database db, std::string_view key);

// The documents of `fid` that have `flag`.
Result<Roaring> ReadFlag(const storage::Txn& txn, const FacetDbs& dbs, uint16_t fid,
                         FacetFlag flag);

// Calls `visit(rest, value)` for each key of `fid` whose rest lies within the
// bounds (nullopt: unbounded), in increasing key order, or decreasing when
// `reverse` (REQUIRES: no bounds then); `visit` returns false to stop.
using FacetEntryVisitor =
    std::function<Result<bool>(std::string_view rest, std::string_view value)>;
Status ScanField(const storage::Txn& txn, storage::Database db, uint16_t fid,
                 const std::optional<KeyBound>& lower, const std::optional<KeyBound>& upper,
                 bool reverse, const FacetEntryVisitor& visit);

// The union of the bitmaps ScanField visits.
Result<Roaring> UnionInRange(const storage::Txn& txn, storage::Database db, uint16_t fid,
                             const std::optional<KeyBound>& lower,
                             const std::optional<KeyBound>& upper);

}  // namespace myriad::facet
