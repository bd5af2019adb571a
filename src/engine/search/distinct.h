// Distinct: one hit per value of the distinct attribute (the request's
// `distinct`, else the index's distinctAttribute). A value's first document in
// rank order is its hit; documents without the field are all kept.
//
// Thread safety: one search, one thread.
#pragma once

#include <cstdint>
#include <roaring/roaring.hh>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/indexing/index_dbs.h"
#include "engine/schema/field_ids.h"
#include "storage/txn.h"
#include "util/result.h"

namespace myriad::engine {

class Distinct {
 public:
  // The values of `field` over `candidates` (dotted paths and arrays as the
  // facet databases hold them).
  static Result<Distinct> Load(const storage::Txn& txn, const SearchDbs& dbs,
                               const FieldIds& fields, const std::string& field,
                               const Roaring& candidates);

  // False when a document with the same value was admitted before.
  bool Admit(uint32_t id);

  // How many hits `candidates` make: their distinct values, and every
  // document without one.
  uint64_t Total() const { return total_; }

 private:
  std::unordered_map<uint32_t, uint32_t> values_;  // document -> value ordinal
  std::unordered_set<uint32_t> seen_;
  uint64_t total_ = 0;
};

}  // namespace myriad::engine
