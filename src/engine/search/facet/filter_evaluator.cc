#include "engine/search/facet/filter_evaluator.h"

#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/facet/facet_value.h"
#include "engine/search/facet/facet_reader.h"
#include "storage/bitmap_codec.h"

namespace myriad::facet {
namespace {

using filter::FilterCondition;
using filter::FilterExpr;
using filter::FilterOp;

// milli's explore_facet_levels: a range whose lower end passes its upper end
// is empty (not an error).
bool RangeIsEmpty(const std::optional<KeyBound>& lower, const std::optional<KeyBound>& upper) {
  if (!lower || !upper) return false;
  const int c = lower->bytes.compare(upper->bytes);
  return lower->inclusive && upper->inclusive ? c > 0 : c >= 0;
}

// Both ends of a range, for numbers (when the values read as numbers) and for
// normalized strings.
struct Range {
  std::optional<KeyBound> number_lower, number_upper;
  bool has_number = false;
  std::optional<KeyBound> string_lower, string_upper;
};

KeyBound NumberBound(double v, bool inclusive) { return {EncodeOrderedDouble(v), inclusive}; }
KeyBound StringBound(std::string_view v, bool inclusive) {
  return {NormalizeFacetString(v), inclusive};
}

Range RangeOf(const FilterCondition& c) {
  constexpr double kMax = std::numeric_limits<double>::max();
  Range r;
  const std::string_view v = c.values[0].value;
  const std::optional<double> n = ParseFiniteNumber(v);
  switch (c.op) {
    case FilterOp::kGreater:
    case FilterOp::kGreaterOrEqual: {
      const bool inclusive = c.op == FilterOp::kGreaterOrEqual;
      if (n) r.number_lower = NumberBound(*n, inclusive), r.number_upper = NumberBound(kMax, true);
      r.string_lower = StringBound(v, inclusive);
      break;
    }
    case FilterOp::kLower:
    case FilterOp::kLowerOrEqual: {
      const bool inclusive = c.op == FilterOp::kLowerOrEqual;
      if (n) r.number_lower = NumberBound(-kMax, true), r.number_upper = NumberBound(*n, inclusive);
      r.string_upper = StringBound(v, inclusive);
      break;
    }
    default: {  // kBetween
      const std::string_view to = c.values[1].value;
      const std::optional<double> m = ParseFiniteNumber(to);
      if (n && m) r.number_lower = NumberBound(*n, true), r.number_upper = NumberBound(*m, true);
      r.string_lower = StringBound(v, true);
      r.string_upper = StringBound(to, true);
      break;
    }
  }
  r.has_number = r.number_lower.has_value();
  return r;
}

class Evaluator {
 public:
  Evaluator(const storage::Txn& txn, const FacetDbs& dbs, const FieldIdLookup& field_id,
            const Roaring& all, const FilterScope& scope)
      : txn_(txn), dbs_(dbs), field_id_(field_id), all_(all), scope_(scope) {}

  // `universe`: the documents still possible (milli's universe hint), or null.
  FilterOutcome Eval(const FilterExpr& expr, const Roaring* universe) {
    if (universe != nullptr && universe->isEmpty()) return Roaring();
    return std::visit([&](const auto& node) { return EvalNode(node, universe); }, expr.node);
  }

 private:
  FilterOutcome EvalNode(const filter::FilterAnd& node, const Roaring* universe) {
    Roaring result;
    bool first = true;
    for (const FilterExpr& child : node.children) {
      // milli stops at an empty intersection: later children are not even
      // checked for errors.
      if (!first && result.isEmpty()) return result;
      FilterOutcome sub = Eval(child, first ? universe : &result);
      if (!std::holds_alternative<Roaring>(sub)) return sub;
      if (first) {
        result = std::move(std::get<Roaring>(sub));
        first = false;
      } else {
        result &= std::get<Roaring>(sub);
      }
    }
    return result;
  }

  FilterOutcome EvalNode(const filter::FilterOr& node, const Roaring* universe) {
    Roaring result;
    for (const FilterExpr& child : node.children) {
      FilterOutcome sub = Eval(child, universe);
      if (!std::holds_alternative<Roaring>(sub)) return sub;
      result |= std::get<Roaring>(sub);
    }
    return result;
  }

  FilterOutcome EvalNode(const filter::FilterNot& node, const Roaring* universe) {
    FilterOutcome sub = Eval(*node.child, universe);
    if (!std::holds_alternative<Roaring>(sub)) return sub;
    Roaring result = universe != nullptr ? *universe : all_;
    result -= std::get<Roaring>(sub);
    return result;
  }

  FilterOutcome EvalNode(const filter::GeoRadius& node, const Roaring*) {
    return GeoOutcome(CheckGeoRadius(node, scope_));
  }
  FilterOutcome EvalNode(const filter::GeoBoundingBox& node, const Roaring*) {
    return GeoOutcome(CheckGeoBoundingBox(node, scope_));
  }
  FilterOutcome EvalNode(const filter::GeoPolygon& node, const Roaring*) {
    return GeoOutcome(CheckGeoPolygon(node, scope_));
  }
  static FilterOutcome GeoOutcome(std::optional<filter::FilterError> error) {
    if (error) return *std::move(error);
    return Roaring();
  }

  FilterOutcome EvalNode(const FilterCondition& c, const Roaring*) {
    const std::optional<uint16_t> fid = field_id_(c.attribute.value);
    if (!fid) return Roaring();
    Result<Roaring> r = Condition(*fid, c);
    if (!r.ok()) return r.status();
    return std::move(r).value();
  }

  Result<Roaring> Condition(uint16_t fid, const FilterCondition& c) {
    switch (c.op) {
      case FilterOp::kEqual:
        return Equal(fid, c.values[0].value);
      case FilterOp::kNotEqual: {
        MYRIAD_ASSIGN_OR_RETURN(Roaring equal, Equal(fid, c.values[0].value));
        return all_ - equal;
      }
      case FilterOp::kIn: {
        Roaring out;
        for (const filter::FilterToken& v : c.values) {
          MYRIAD_ASSIGN_OR_RETURN(Roaring equal, Equal(fid, v.value));
          out |= equal;
        }
        return out;
      }
      case FilterOp::kGreater:
      case FilterOp::kGreaterOrEqual:
      case FilterOp::kLower:
      case FilterOp::kLowerOrEqual:
      case FilterOp::kBetween:
        return InRange(fid, RangeOf(c));
      case FilterOp::kExists:
        return ReadFlag(txn_, dbs_, fid, FacetFlag::kExists);
      case FilterOp::kIsNull:
        return ReadFlag(txn_, dbs_, fid, FacetFlag::kNull);
      case FilterOp::kIsEmpty:
        return ReadFlag(txn_, dbs_, fid, FacetFlag::kEmpty);
      case FilterOp::kContains:
        return Contains(fid, NormalizeFacetString(c.values[0].value));
      case FilterOp::kStartsWith:
        return StartsWith(fid, NormalizeFacetString(c.values[0].value));
    }
    return Roaring();
  }

  Result<Roaring> Equal(uint16_t fid, std::string_view value) {
    MYRIAD_ASSIGN_OR_RETURN(
        Roaring out, ReadBitmap(txn_, dbs_.strings, FieldKey(fid, NormalizeFacetString(value))));
    if (std::optional<double> n = ParseFiniteNumber(value)) {
      MYRIAD_ASSIGN_OR_RETURN(
          Roaring numbers, ReadBitmap(txn_, dbs_.numbers, FieldKey(fid, EncodeOrderedDouble(*n))));
      out |= numbers;
    }
    return out;
  }

  Result<Roaring> InRange(uint16_t fid, const Range& r) {
    Roaring out;
    if (r.has_number && !RangeIsEmpty(r.number_lower, r.number_upper)) {
      MYRIAD_ASSIGN_OR_RETURN(
          out, UnionInRange(txn_, dbs_.numbers, fid, r.number_lower, r.number_upper));
    }
    if (!RangeIsEmpty(r.string_lower, r.string_upper)) {
      MYRIAD_ASSIGN_OR_RETURN(
          Roaring strings, UnionInRange(txn_, dbs_.strings, fid, r.string_lower, r.string_upper));
      out |= strings;
    }
    return out;
  }

  Result<Roaring> Contains(uint16_t fid, const std::string& needle) {
    Roaring out;
    MYRIAD_RETURN_IF_ERROR(
        ScanField(txn_, dbs_.strings, fid, std::nullopt, std::nullopt, /*reverse=*/false,
                  [&](std::string_view rest, std::string_view value) -> Result<bool> {
                    if (rest.find(needle) == std::string_view::npos) return true;
                    MYRIAD_ASSIGN_OR_RETURN(Roaring bitmap, storage::DecodeBitmap(value));
                    out |= bitmap;
                    return true;
                  }));
    return out;
  }

  Result<Roaring> StartsWith(uint16_t fid, const std::string& prefix) {
    // An empty prefix is every document with the field, as milli.
    if (prefix.empty()) return ReadFlag(txn_, dbs_, fid, FacetFlag::kExists);
    // "STARTS WITH ab" is "ab" <= value < "ac" (a 0xFF last byte cannot come
    // from valid UTF-8).
    std::string end = prefix;
    if (static_cast<unsigned char>(end.back()) == 0xFF) return Roaring();
    end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    return UnionInRange(txn_, dbs_.strings, fid, KeyBound{prefix, true},
                        KeyBound{std::move(end), false});
  }

  const storage::Txn& txn_;
  const FacetDbs& dbs_;
  const FieldIdLookup& field_id_;
  const Roaring& all_;
  const FilterScope& scope_;
};

}  // namespace

FilterOutcome EvaluateFilter(const filter::FilterExpr& expr, const storage::Txn& txn,
                             const FacetDbs& dbs, const FieldIdLookup& field_id,
                             const Roaring& all_documents, const FilterScope& scope) {
  return Evaluator(txn, dbs, field_id, all_documents, scope).Eval(expr, nullptr);
}

}  // namespace myriad::facet
