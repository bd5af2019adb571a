// Evaluating a parsed filter against an index's facet databases, with
// Meilisearch's semantics (milli `search/facet/filter`):
//   a = v       documents whose `a` holds v as a string (normalized, so
//               case-insensitive) or, when v reads as a number, as that number
//   a != v      every document but those of `a = v` (documents without `a` too)
//   a > v ...   numbers in range when v reads as a number, and in any case
//   a v1 TO v2  normalized strings in lexicographic range (milli >= 1.12 does
//               both: `a > 10` also matches the string "9"); never an error
//   a IN [..]   the union of `a = v`
//   EXISTS, IS NULL, IS EMPTY  the facet flags
//   CONTAINS v  strings of `a` holding normalized v; STARTS WITH v a prefix
//               seek.  Meilisearch gates CONTAINS behind its `containsFilter`
//               experimental feature; that check is the caller's (its error:
//               "Using `CONTAINS` in a filter requires enabling the `contains
//               filter` experimental feature. See
//               https://github.com/orgs/meilisearch/discussions/763", code
//               feature_not_enabled, spanning the CONTAINS keyword).
//   NOT x       all documents but x; AND / OR as sets.
//   geo         see geo_filter.h (no geo index: an error, or nothing).
// An attribute without a field id matches nothing.  Feature gates of the
// object form of filterableAttributes (comparison, null, empty...) are not
// checked here.
//
// Thread safety: as the transaction (one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <roaring/roaring.hh>
#include <string_view>
#include <variant>

#include "engine/indexing/facet/facet_dbs.h"
#include "engine/search/facet/geo_filter.h"
#include "engine/search/filter/filter_ast.h"
#include "engine/search/filter/filter_error.h"
#include "storage/txn.h"
#include "util/status.h"

namespace myriad::facet {

// The matching internal ids; or the filter's error (the caller adds the code
// invalid_search_filter / invalid_document_filter); or an environment error.
using FilterOutcome = std::variant<Roaring, filter::FilterError, Status>;

using FieldIdLookup = std::function<std::optional<uint16_t>(std::string_view path)>;

// REQUIRES: `all_documents` is every internal id of the index; `expr` passed
// CheckFilterable (this does not check filterability).
FilterOutcome EvaluateFilter(const filter::FilterExpr& expr, const storage::Txn& txn,
                             const FacetDbs& dbs, const FieldIdLookup& field_id,
                             const Roaring& all_documents, const FilterScope& scope = {});

}  // namespace myriad::facet
