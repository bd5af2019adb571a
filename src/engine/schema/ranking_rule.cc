#include "engine/schema/ranking_rule.h"

#include <array>

namespace myriad::settings {
namespace {

struct NamedRule {
  std::string_view name;
  RankingRule::Kind kind;
};

constexpr std::array<NamedRule, 8> kBuiltins = {{
    {"words", RankingRule::Kind::kWords},
    {"typo", RankingRule::Kind::kTypo},
    {"proximity", RankingRule::Kind::kProximity},
    {"attribute", RankingRule::Kind::kAttribute},
    {"attributeRank", RankingRule::Kind::kAttributeRank},
    {"wordPosition", RankingRule::Kind::kWordPosition},
    {"sort", RankingRule::Kind::kSort},
    {"exactness", RankingRule::Kind::kExactness},
}};

std::string InvalidName(std::string_view name) {
  return "`" + std::string(name) +
         "` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, "
         "attribute, exactness and custom ranking rules.";
}

std::string ReservedForSort() {
  return "`_geoPoint` is a reserved keyword and thus can't be used as a ranking rule. "
         "`_geoPoint` can only be used for sorting at search time";
}

std::string ReservedForFilter(std::string_view name) {
  std::string n(name);
  return "`" + n + "` is a reserved keyword and thus can't be used as a ranking rule. `" + n +
         "` can only be used for filtering at search time";
}

bool IsReservedKeyword(std::string_view s) {
  for (std::string_view k : {"_geo", "_geojson", "_geoDistance", "_geoPoint", "_geoRadius",
                             "_geoBoundingBox", "_geoPolygon"}) {
    if (s == k) return true;
  }
  return false;
}

// The error for a reserved member name, mapped as milli maps AscDescError to
// CriterionError (by prefix).
std::string ReservedMessage(std::string_view name) {
  if (name.starts_with("_geoPoint")) return ReservedForSort();
  if (name.starts_with("_geoRadius")) return ReservedForFilter("_geoRadius");
  if (name.starts_with("_geoBoundingBox")) return ReservedForFilter("_geoBoundingBox");
  return "`" + std::string(name) +
         "` is a reserved keyword and thus can't be used as a ranking rule";
}

}  // namespace

std::variant<RankingRule, std::string> ParseRankingRule(std::string_view text) {
  for (const NamedRule& r : kBuiltins) {
    if (text == r.name) return RankingRule{r.kind, ""};
  }
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return InvalidName(text);
  std::string_view member = text.substr(0, colon);
  std::string_view order = text.substr(colon + 1);
  RankingRule::Kind kind;
  if (order == "asc") {
    kind = RankingRule::Kind::kAsc;
  } else if (order == "desc") {
    kind = RankingRule::Kind::kDesc;
  } else {
    return InvalidName(text);
  }
  // `_geoPoint(lat, lng)` is a valid sort member but never a ranking rule;
  // whether its coordinates parse or not, the answer is the same.
  if (member.starts_with("_geoPoint(") && member.ends_with(")")) return ReservedForSort();
  if (IsReservedKeyword(member) || member.starts_with("_geoRadius(") ||
      member.starts_with("_geoBoundingBox(") || member.starts_with("_geo(") ||
      member.starts_with("_geoDistance(")) {
    return ReservedMessage(member);
  }
  return RankingRule{kind, std::string(member)};
}

std::string RankingRuleText(const RankingRule& rule) {
  switch (rule.kind) {
    case RankingRule::Kind::kAsc:
      return rule.field + ":asc";
    case RankingRule::Kind::kDesc:
      return rule.field + ":desc";
    default:
      break;
  }
  for (const NamedRule& r : kBuiltins) {
    if (r.kind == rule.kind) return std::string(r.name);
  }
  return "";
}

}  // namespace myriad::settings
