// The documents of a candidate set in the order of one field's values: the
// `sort` parameter's `attr:asc` / `attr:desc` and custom ranking rules, as
// milli's Sort ranking rule orders them.
//
// Thread safety: as the transaction (one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <roaring/roaring.hh>

#include "engine/indexing/facet/facet_dbs.h"
#include "storage/txn.h"
#include "util/status.h"

namespace myriad::facet {

// Calls `visit` with buckets of candidates sharing one value, in order:
// numbers (increasing when `ascending`, else decreasing), then strings in
// normalized byte order (same direction), then, last, the candidates without
// any number or string for the field.  Milli chains the number iterator
// before the string one in both directions, so numbers always come first.
// A document with several values (an array) sits in the bucket of its first
// value in that order; each candidate is visited exactly once; empty buckets
// are skipped.  `visit` returns false to stop.
Status ForEachSortBucket(const storage::Txn& txn, const FacetDbs& dbs, uint16_t fid, bool ascending,
                         const Roaring& candidates,
                         const std::function<bool(const Roaring& bucket)>& visit);

}  // namespace myriad::facet
