#include "engine/search/document_filter.h"

#include "engine/indexing/index_dbs.h"
#include "engine/schema/field_ids.h"
#include "engine/search/facet/filter_evaluator.h"
#include "engine/search/filter/filter_parser.h"
#include "engine/search/filter/filterable_check.h"
#include "storage/bitmap_codec.h"

namespace myriad::engine {
namespace {

std::vector<filter::FilterableRule> FilterableRules(const settings::IndexSettings& s) {
  std::vector<filter::FilterableRule> rules;
  for (const settings::FilterableAttributesRule& r : s.filterable_attributes) {
    filter::FilterableRule rule;
    rule.legacy_field = !r.is_pattern;
    rule.patterns = r.is_pattern ? r.attribute_patterns : std::vector<std::string>{r.field};
    rule.filterable = r.filter_equality || r.filter_comparison;
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace

Result<Roaring> FilterDocuments(const storage::Txn& txn, const SearchDbs& dbs,
                                const settings::IndexSettings& settings, std::string_view index_uid,
                                const boost::json::value& filter, std::string_view error_code) {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored,
                          txn.Get(dbs.main, sdbs::kMainDocumentIds));
  Roaring all;
  if (stored) {
    MYRIAD_ASSIGN_OR_RETURN(all, storage::DecodeBitmap(*stored));
  }
  if (filter.is_null()) return all;
  auto parsed = filter::ParseFilterValue(filter);
  if (const filter::FilterError* e = std::get_if<filter::FilterError>(&parsed)) {
    return Status::RequestError(std::string(error_code), e->message);
  }
  const auto& expr = std::get<std::optional<filter::FilterExpr>>(parsed);
  if (!expr) return all;
  const std::vector<filter::FilterableRule> rules = FilterableRules(settings);
  if (auto e = filter::CheckFilterable(*expr, index_uid, rules)) {
    return Status::RequestError(std::string(error_code), e->message);
  }
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, dbs.main));
  facet::FilterScope scope;
  scope.index_uid = index_uid;
  scope.filterable_rules = &rules;
  auto result = facet::EvaluateFilter(
      *expr, txn, dbs.facets, [&](std::string_view path) { return fields.Find(path); }, all, scope);
  if (const filter::FilterError* e = std::get_if<filter::FilterError>(&result)) {
    return Status::RequestError(std::string(error_code), e->message);
  }
  if (const Status* st = std::get_if<Status>(&result)) return *st;
  return std::get<Roaring>(std::move(result));
}

}  // namespace myriad::engine
