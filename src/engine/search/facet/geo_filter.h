// The geo filter functions, which Myriad parses but does not index: their
// arguments are checked as Meilisearch checks them, then the result is
// Meilisearch's answer for an index without geo data.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/search/filter/filter_ast.h"
#include "engine/search/filter/filter_error.h"
#include "engine/search/filter/filterable_check.h"

namespace myriad::facet {

// What the error messages name: the index ("Index `uid`: " prefix, none when
// empty) and the filterable attribute rules (listed in the not-filterable error).
struct FilterScope {
  std::string_view index_uid;
  const std::vector<filter::FilterableRule>* filterable_rules = nullptr;  // null: none
};

// nullopt: the function matches no document (`_geo` / `_geojson` is
// filterable, but no document has a location).  Otherwise Meilisearch's error:
// an invalid number ("invalid float literal"), a latitude or longitude out of
// range ("Bad latitude `100`. Latitude must be contained between -90 and 90
// degrees."), a bad resolution or box, or "Attribute `_geo/_geojson` is not
// filterable. ..." (`_geojson` for _geoPolygon).
std::optional<filter::FilterError> CheckGeoRadius(const filter::GeoRadius& geo,
                                                  const FilterScope& scope);
std::optional<filter::FilterError> CheckGeoBoundingBox(const filter::GeoBoundingBox& geo,
                                                       const FilterScope& scope);
std::optional<filter::FilterError> CheckGeoPolygon(const filter::GeoPolygon& geo,
                                                   const FilterScope& scope);

// Meilisearch's error text at `token` ("<text>\n<c1>:<c2> <filter>"), with the
// index prefix of `scope`.
filter::FilterError ErrorAt(const filter::FilterToken& token, std::string_view text,
                            const FilterScope& scope);

}  // namespace myriad::facet
