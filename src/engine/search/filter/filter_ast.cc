#include "engine/search/filter/filter_ast.h"

#include <type_traits>

namespace myriad::filter {

const char* FilterOpName(FilterOp op) {
  switch (op) {
    case FilterOp::kEqual:
      return "=";
    case FilterOp::kNotEqual:
      return "!=";
    case FilterOp::kGreater:
      return ">";
    case FilterOp::kGreaterOrEqual:
      return ">=";
    case FilterOp::kLower:
      return "<";
    case FilterOp::kLowerOrEqual:
      return "<=";
    case FilterOp::kBetween:
      return "TO";
    case FilterOp::kIn:
      return "IN";
    case FilterOp::kExists:
      return "EXISTS";
    case FilterOp::kIsNull:
      return "IS NULL";
    case FilterOp::kIsEmpty:
      return "IS EMPTY";
    case FilterOp::kContains:
      return "CONTAINS";
    case FilterOp::kStartsWith:
      return "STARTS WITH";
  }
  return "";
}

namespace {

void Append(const FilterToken& token, std::string* out) {
  *out += '{';
  *out += token.value;
  *out += '}';
}

void Append(const FilterExpr& expr, std::string* out);

void AppendList(const char* head, const std::vector<FilterExpr>& children, std::string* out) {
  *out += head;
  for (const FilterExpr& child : children) {
    Append(child, out);
    *out += ", ";
  }
  *out += ']';
}

void Append(const FilterCondition& c, std::string* out) {
  Append(c.attribute, out);
  *out += ' ';
  switch (c.op) {
    case FilterOp::kIn:
      out->pop_back();
      *out += " IN[";
      for (const FilterToken& v : c.values) {
        Append(v, out);
        *out += ", ";
      }
      *out += ']';
      return;
    case FilterOp::kBetween:
      Append(c.values.at(0), out);
      *out += " TO ";
      Append(c.values.at(1), out);
      return;
    case FilterOp::kExists:
    case FilterOp::kIsNull:
    case FilterOp::kIsEmpty:
      *out += FilterOpName(c.op);
      return;
    default:
      *out += FilterOpName(c.op);
      *out += ' ';
      Append(c.values.at(0), out);
  }
}

void AppendPoint(const std::array<FilterToken, 2>& point, std::string* out) {
  *out += '[';
  Append(point[0], out);
  *out += ", ";
  Append(point[1], out);
  *out += ']';
}

void Append(const FilterExpr& expr, std::string* out) {
  std::visit(
      [out](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, FilterAnd>) {
          AppendList("AND[", node.children, out);
        } else if constexpr (std::is_same_v<T, FilterOr>) {
          AppendList("OR[", node.children, out);
        } else if constexpr (std::is_same_v<T, FilterNot>) {
          *out += "NOT (";
          Append(*node.child, out);
          *out += ')';
        } else if constexpr (std::is_same_v<T, FilterCondition>) {
          Append(node, out);
        } else if constexpr (std::is_same_v<T, GeoRadius>) {
          *out += "_geoRadius(";
          Append(node.lat, out);
          *out += ", ";
          Append(node.lng, out);
          *out += ", ";
          Append(node.radius, out);
          if (node.resolution) {
            *out += ", ";
            Append(*node.resolution, out);
          }
          *out += ')';
        } else if constexpr (std::is_same_v<T, GeoBoundingBox>) {
          *out += "_geoBoundingBox(";
          AppendPoint(node.top_right, out);
          *out += ", ";
          AppendPoint(node.bottom_left, out);
          *out += ')';
        } else {
          *out += "_geoPolygon([";
          for (const auto& point : node.points) {
            AppendPoint(point, out);
            *out += ", ";
          }
          *out += "])";
        }
      },
      expr.node);
}

}  // namespace

std::string ToString(const FilterExpr& expr) {
  std::string out;
  Append(expr, &out);
  return out;
}

}  // namespace myriad::filter
