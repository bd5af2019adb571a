#include "engine/search/facet/geo_filter.h"

#include <cmath>
#include <string>
#include <utility>

#include "engine/indexing/facet/facet_value.h"

namespace myriad::facet {
namespace {

using filter::FilterError;
using filter::FilterToken;

// A number argument, or the error milli's `parse_finite_float` gives.
struct NumberArg {
  double value = 0;
  std::optional<FilterError> error;
};

NumberArg ParseArg(const FilterToken& token, const FilterScope& scope) {
  NumberParseError why = NumberParseError::kInvalid;
  if (std::optional<double> v = ParseFiniteNumber(token.value, &why)) return {*v, std::nullopt};
  return {0, ErrorAt(token, NumberParseErrorText(why), scope)};
}

std::optional<FilterError> CheckLatLng(const std::array<FilterToken, 2>& point, double lat,
                                       double lng, const FilterScope& scope) {
  if (!(lat >= -90.0 && lat <= 90.0)) {
    return ErrorAt(point[0],
                   "Bad latitude `" + FormatNumber(lat) +
                       "`. Latitude must be contained between -90 and 90 degrees.",
                   scope);
  }
  if (!(lng >= -180.0 && lng <= 180.0)) {
    double hint = std::fmod(lng + 180.0, 360.0);  // Rust's rem_euclid
    if (hint < 0) hint += 360.0;
    hint -= 180.0;
    return ErrorAt(point[1],
                   "Bad longitude `" + FormatNumber(lng) +
                       "`. Longitude must be contained between -180 and 180 degrees. Hint: try "
                       "using `" +
                       FormatNumber(hint) + "` instead.",
                   scope);
  }
  return std::nullopt;
}

// A synthetic condition on `attribute`, spanning `at`, run through the
// filterable check: its error is milli's AttributeNotFilterable.
std::optional<FilterError> NotFilterable(std::string attribute, const FilterToken& at,
                                         const FilterScope& scope) {
  static const std::vector<filter::FilterableRule> kNoRules;
  filter::FilterExpr expr;
  filter::FilterCondition condition;
  condition.attribute = at;
  condition.attribute.value = std::move(attribute);
  condition.op = filter::FilterOp::kExists;
  expr.node = std::move(condition);
  return filter::CheckFilterable(expr, scope.index_uid,
                                 scope.filterable_rules ? *scope.filterable_rules : kNoRules);
}

// milli answers from its geo index when `_geo` is filterable (empty here: no
// document has one), else reports `_geo/_geojson` as not filterable.
std::optional<FilterError> GeoPointsDisabled(const FilterToken& at, const FilterScope& scope) {
  if (!NotFilterable("_geo", at, scope)) return std::nullopt;
  if (!NotFilterable("_geojson", at, scope)) return std::nullopt;
  return NotFilterable("_geo/_geojson", at, scope);
}

}  // namespace

FilterError ErrorAt(const FilterToken& token, std::string_view text, const FilterScope& scope) {
  std::string full;
  if (!scope.index_uid.empty()) full = "Index `" + std::string(scope.index_uid) + "`: ";
  full.append(text);
  static const std::string kNoSource;
  return FilterError{filter::FormatDiagnostic(full, token.source ? *token.source : kNoSource,
                                              token.begin, token.end)};
}

std::optional<FilterError> CheckGeoRadius(const filter::GeoRadius& geo, const FilterScope& scope) {
  const NumberArg lat = ParseArg(geo.lat, scope);
  if (lat.error) return lat.error;
  const NumberArg lng = ParseArg(geo.lng, scope);
  if (lng.error) return lng.error;
  if (auto error = CheckLatLng({geo.lat, geo.lng}, lat.value, lng.value, scope)) return error;
  const NumberArg radius = ParseArg(geo.radius, scope);
  if (radius.error) return radius.error;
  if (geo.resolution) {
    const NumberArg resolution = ParseArg(*geo.resolution, scope);
    if (resolution.error) return resolution.error;
    // Rust's `as usize`: truncates, saturates, negatives become 0.
    const double r = resolution.value;
    const unsigned long long as_usize =
        r <= 0 ? 0 : (r >= 1.8e19 ? UINT64_MAX : static_cast<unsigned long long>(r));
    if (as_usize < 3 || as_usize > 1000) {
      return ErrorAt(*geo.resolution,
                     "Invalid resolution `" + std::to_string(as_usize) +
                         "`. Resolution must be between 3 and 1000.",
                     scope);
    }
  }
  return GeoPointsDisabled(geo.lat, scope);
}

std::optional<FilterError> CheckGeoBoundingBox(const filter::GeoBoundingBox& geo,
                                               const FilterScope& scope) {
  double values[4];
  const FilterToken* tokens[4] = {&geo.top_right[0], &geo.top_right[1], &geo.bottom_left[0],
                                  &geo.bottom_left[1]};
  for (int i = 0; i < 4; ++i) {
    const NumberArg arg = ParseArg(*tokens[i], scope);
    if (arg.error) return arg.error;
    values[i] = arg.value;
  }
  if (auto error = CheckLatLng(geo.top_right, values[0], values[1], scope)) return error;
  if (auto error = CheckLatLng(geo.bottom_left, values[2], values[3], scope)) return error;
  if (values[0] < values[2]) {
    return ErrorAt(geo.bottom_left[1],
                   "The top latitude `" + FormatNumber(values[0]) +
                       "` is below the bottom latitude `" + FormatNumber(values[2]) + "`.",
                   scope);
  }
  return GeoPointsDisabled(geo.top_right[0], scope);
}

std::optional<FilterError> CheckGeoPolygon(const filter::GeoPolygon& geo,
                                           const FilterScope& scope) {
  // milli checks `_geojson` before reading any point.
  if (geo.points.empty()) return std::nullopt;
  if (auto error = NotFilterable("_geojson", geo.points[0][0], scope)) return error;
  for (const auto& point : geo.points) {
    const NumberArg lat = ParseArg(point[0], scope);
    if (lat.error) return lat.error;
    const NumberArg lng = ParseArg(point[1], scope);
    if (lng.error) return lng.error;
    if (auto error = CheckLatLng(point, lat.value, lng.value, scope)) return error;
  }
  return std::nullopt;
}

}  // namespace myriad::facet
