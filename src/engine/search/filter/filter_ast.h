// The syntax tree of a Meilisearch filter, as produced by ParseFilter().
//
// The tree mirrors Meilisearch's `FilterCondition`: negated operators (`!=`
// aside) are stored as Not{positive condition}, so `a NOT IN [..]`,
// `a IS NOT NULL`, `a NOT EXISTS`, `a NOT CONTAINS v` and
// `a NOT STARTS WITH v` are Not{Condition}; double negations are folded
// (`NOT NOT x = 1` is `x = 1`).  Values are kept as written (unescaped
// strings): an evaluator tries number parsing itself, as Meilisearch does.
//
// Thread safety: plain values; distinct objects may be used from distinct
// threads.  Ownership: a FilterExpr owns its children; every FilterToken
// shares ownership of the filter text it was parsed from (for error spans).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace myriad::filter {

// One attribute name or value, with where it was written (for error messages,
// which quote the original fragment and its `column:column` span).
struct FilterToken {
  std::string value;                          // unescaped text
  std::shared_ptr<const std::string> source;  // the whole filter string
  std::size_t begin = 0;                      // byte range of the original fragment in *source
  std::size_t end = 0;
};

enum class FilterOp {
  kEqual,           // values: [v]
  kNotEqual,        // values: [v]
  kGreater,         // values: [v]
  kGreaterOrEqual,  // values: [v]
  kLower,           // values: [v]
  kLowerOrEqual,    // values: [v]
  kBetween,         // values: [from, to]   (`a 1 TO 5`, both inclusive)
  kIn,              // values: the list, possibly empty
  kExists,          // values: []
  kIsNull,          // values: []
  kIsEmpty,         // values: []
  kContains,        // values: [v]
  kStartsWith,      // values: [v]
};

// "=", "IN", "STARTS WITH"...: the operator as Meilisearch names it.
const char* FilterOpName(FilterOp op);

struct FilterCondition {
  FilterToken attribute;  // a dotted path such as `a.b` stays one string
  FilterOp op = FilterOp::kEqual;
  std::vector<FilterToken> values;
};

// `_geoRadius(lat, lng, radius[, resolution])`; numbers as written.
struct GeoRadius {
  FilterToken lat, lng, radius;
  std::optional<FilterToken> resolution;
};

// `_geoBoundingBox([lat, lng], [lat, lng])`: top right, then bottom left.
struct GeoBoundingBox {
  std::array<FilterToken, 2> top_right;
  std::array<FilterToken, 2> bottom_left;
};

// `_geoPolygon([lat, lng], [lat, lng], [lat, lng], ...)`, at least 3 points.
struct GeoPolygon {
  std::vector<std::array<FilterToken, 2>> points;
};

struct FilterExpr;
struct FilterAnd {
  std::vector<FilterExpr> children;  // two or more
};
struct FilterOr {
  std::vector<FilterExpr> children;  // two or more
};
struct FilterNot {
  std::unique_ptr<FilterExpr> child;  // never null
};

struct FilterExpr {
  std::variant<FilterAnd, FilterOr, FilterNot, FilterCondition, GeoRadius, GeoBoundingBox,
               GeoPolygon>
      node;
};

// The debug form of Meilisearch's own tests: `{a} = {1}`, `AND[{a} = {1}, {b} EXISTS, ]`,
// `NOT ({a} IN[{x}, {y}, ])`, `{a} {1} TO {5}`, `_geoRadius({1}, {2}, {3})`.
std::string ToString(const FilterExpr& expr);

}  // namespace myriad::filter
