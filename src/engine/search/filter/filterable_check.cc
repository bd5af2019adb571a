#include "engine/search/filter/filterable_check.h"

#include <set>
#include <type_traits>
#include <utility>

namespace myriad::filter {
namespace {

enum class PatternMatch { kNoMatch, kParent, kMatch };

// milli's `is_faceted_by`: field is facet, or nested under it.
bool IsFacetedBy(std::string_view field, std::string_view facet) {
  return field.substr(0, facet.size()) == facet &&
         (field.size() == facet.size() || field[facet.size()] == '.');
}

PatternMatch MatchPattern(std::string_view pattern, std::string_view str) {
  const auto starts = [](std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
  };
  const auto ends = [](std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
  };
  if (pattern == "*") return PatternMatch::kMatch;
  if (pattern.size() >= 2 && pattern.front() == '*' && pattern.back() == '*') {
    if (str.find(pattern.substr(1, pattern.size() - 2)) != std::string_view::npos) {
      return PatternMatch::kMatch;
    }
  } else if (!pattern.empty() && pattern.front() == '*') {
    if (ends(str, pattern.substr(1))) return PatternMatch::kMatch;
  } else if (!pattern.empty() && pattern.back() == '*') {
    if (starts(str, pattern.substr(0, pattern.size() - 1))) return PatternMatch::kMatch;
  } else if (pattern == str) {
    return PatternMatch::kMatch;
  }
  return IsFacetedBy(pattern, str) ? PatternMatch::kParent : PatternMatch::kNoMatch;
}

bool Matches(const FilterableRule& rule, std::string_view field) {
  if (rule.legacy_field) {
    return !rule.patterns.empty() && IsFacetedBy(field, rule.patterns.front());
  }
  for (const std::string& pattern : rule.patterns) {
    if (MatchPattern(pattern, field) == PatternMatch::kMatch) return true;
  }
  return false;
}

bool IsFilterable(std::string_view attribute, const std::vector<FilterableRule>& rules) {
  if (attribute == "_vectors" || attribute == "_shard") return true;
  // The first matching rule decides.
  for (const FilterableRule& rule : rules) {
    if (Matches(rule, attribute)) return rule.filterable;
  }
  return false;
}

}  // namespace

std::vector<FilterableRule> LegacyFilterableRules(const std::vector<std::string>& names) {
  std::vector<FilterableRule> rules;
  rules.reserve(names.size());
  for (const std::string& name : names) rules.push_back(FilterableRule{true, {name}, true});
  return rules;
}

std::optional<FilterError> CheckFilterable(const FilterExpr& expr, std::string_view index_uid,
                                           const std::vector<FilterableRule>& rules) {
  // Meilisearch walks the tree with a stack, so among siblings the last one is
  // checked first; the same walk reports the same attribute.
  std::vector<const FilterExpr*> stack{&expr};
  while (!stack.empty()) {
    const FilterExpr* current = stack.back();
    stack.pop_back();
    const FilterToken* fid = nullptr;
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, FilterAnd> || std::is_same_v<T, FilterOr>) {
            for (const FilterExpr& child : node.children) stack.push_back(&child);
          } else if constexpr (std::is_same_v<T, FilterNot>) {
            stack.push_back(node.child.get());
          } else if constexpr (std::is_same_v<T, FilterCondition>) {
            fid = &node.attribute;
          }
        },
        current->node);
    if (fid == nullptr || IsFilterable(fid->value, rules)) continue;

    std::set<std::string_view> patterns;  // sorted and deduplicated, as milli's BTreeSet
    for (const FilterableRule& rule : rules) {
      if (!rule.filterable) continue;
      for (const std::string& p : rule.patterns) patterns.insert(p);
    }
    std::string text = "Attribute `" + fid->value + "` is not filterable.";
    if (patterns.empty()) {
      text += " This index does not have configured filterable attributes.";
    } else {
      text += " Available filterable attribute patterns are: ";
      bool first = true;
      for (std::string_view p : patterns) {
        if (!first) text += ", ";
        first = false;
        text += '`';
        text += p;
        text += '`';
      }
      text += '.';
    }
    if (!index_uid.empty()) text = "Index `" + std::string(index_uid) + "`: " + text;
    static const std::string kNoSource;
    const std::string& source = fid->source ? *fid->source : kNoSource;
    return FilterError{FormatDiagnostic(text, source, fid->begin, fid->end)};
  }
  return std::nullopt;
}

}  // namespace myriad::filter
