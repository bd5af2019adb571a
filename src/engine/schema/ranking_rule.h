// RankingRule: one entry of the `rankingRules` setting, parsed.
//
// Thread safety: value type and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace myriad::settings {

struct RankingRule {
  enum class Kind {
    kWords,
    kTypo,
    kProximity,
    kAttribute,      // attributeRank + wordPosition in one rule (legacy)
    kAttributeRank,  // which attribute matched, position ignored
    kWordPosition,   // where in the attribute, attribute ignored
    kSort,           // placeholder for the search request's `sort`
    kExactness,
    kAsc,  // custom rule `field:asc`
    kDesc  // custom rule `field:desc`
  };

  Kind kind = Kind::kWords;
  std::string field;  // only for kAsc / kDesc

  friend bool operator==(const RankingRule&, const RankingRule&) = default;
};

// Parses "words", "attributeRank", "price:desc", ... On failure returns
// Meilisearch's message (CriterionError), e.g. "`foo` ranking rule is invalid.
// Valid ranking rules are words, typo, sort, proximity, attribute, exactness and
// custom ranking rules." or the reserved `_geo*` keyword messages.
std::variant<RankingRule, std::string> ParseRankingRule(std::string_view text);

// The rule as written in settings ("words", "price:desc").
std::string RankingRuleText(const RankingRule& rule);

}  // namespace myriad::settings
