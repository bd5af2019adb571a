// The check Meilisearch runs before evaluating a filter: every attribute the
// filter names must match the index's `filterableAttributes`.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/filter/filter_ast.h"
#include "engine/search/filter/filter_error.h"

namespace myriad::filter {

// One entry of `filterableAttributes`.
struct FilterableRule {
  // A plain string entry (`"genre"`): matches the attribute itself and every
  // attribute nested under it (`genre.id`), with no wildcard.  Otherwise the
  // object form's `attributePatterns`: exact names, `*`, `prefix*`, `*suffix`,
  // `*infix*`.
  bool legacy_field = true;
  std::vector<std::string> patterns;  // exactly one when legacy_field
  // The object form's `features.filter` allows filtering (equality or
  // comparison); false for facet-search-only rules.
  bool filterable = true;
};

// Plain `filterableAttributes: ["a", "b.c"]`.
std::vector<FilterableRule> LegacyFilterableRules(const std::vector<std::string>& names);

// nullopt when every attribute is filterable; else Meilisearch's message for
// the first offending one (in Meilisearch's order), e.g.
// "Index `movies`: Attribute `genre` is not filterable. Available filterable
// attribute patterns are: `id`, `title`.\n1:6 genre = action", or "... is not
// filterable. This index does not have configured filterable attributes.\n..."
// `_vectors` and `_shard` are always accepted; geo functions are not checked
// here (the evaluator reports `_geo`).  An empty index_uid drops the prefix.
std::optional<FilterError> CheckFilterable(const FilterExpr& expr, std::string_view index_uid,
                                           const std::vector<FilterableRule>& rules);

}  // namespace myriad::filter
