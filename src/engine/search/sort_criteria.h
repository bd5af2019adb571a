// Sort criteria ("price:asc") as the `sort` parameter of search and of the
// documents routes gives them, checked against the index's sortable
// attributes, and the order they put documents in (facet sort buckets).
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/indexing/search_index_writer.h"
#include "engine/schema/field_ids.h"
#include "engine/schema/index_settings.h"
#include "util/result.h"

namespace myriad::engine {

struct SortField {
  std::string field;
  bool ascending;
};

// Parses and checks `sort`; request errors carry `error_code`
// (invalid_search_sort, invalid_document_sort).
Result<std::vector<SortField>> ParseSort(const settings::IndexSettings& settings,
                                         const std::vector<std::string>& sort,
                                         std::string_view error_code);

// Per document of `candidates` holding `field`, the ordinal of its value's
// bucket in the field's order; documents without the field are absent.
Result<std::unordered_map<uint32_t, uint32_t>> SortOrdinals(const storage::Txn& txn,
                                                            const SearchDbs& dbs,
                                                            const FieldIds& fields,
                                                            const SortField& sort,
                                                            const Roaring& candidates);

// `ids` ordered by `sort` (ties, and documents without the fields, keep id order).
Result<std::vector<uint32_t>> SortIds(const storage::Txn& txn, const SearchDbs& dbs,
                                      const std::vector<SortField>& sort, const Roaring& ids);

}  // namespace myriad::engine
