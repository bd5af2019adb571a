#include "engine/search/rules/rule_factory.h"

#include "engine/search/rules/attribute_rank_rule.h"
#include "engine/search/rules/exactness_rule.h"
#include "engine/search/rules/proximity_rule.h"
#include "engine/search/rules/sort_rule.h"
#include "engine/search/rules/typo_rule.h"
#include "engine/search/rules/word_position_rule.h"
#include "engine/search/rules/words_rule.h"

namespace myriad::engine {

std::vector<std::unique_ptr<RankingRule>> BuildRules(const settings::IndexSettings& settings,
                                                     const std::vector<SortField>& sort,
                                                     const FieldIds& fields,
                                                     MatchingStrategy strategy, bool placeholder) {
  using Kind = settings::RankingRule::Kind;
  std::vector<std::unique_ptr<RankingRule>> rules;
  auto add_sort = [&](const SortField& s) {
    rules.push_back(std::make_unique<SortRule>(s, fields.Find(s.field)));
  };
  for (const settings::RankingRule& r : settings.ranking_rules) {
    switch (r.kind) {
      case Kind::kSort:
        for (const SortField& s : sort) add_sort(s);
        continue;
      case Kind::kAsc:
      case Kind::kDesc:
        add_sort({r.field, r.kind == Kind::kAsc});
        continue;
      default:
        break;
    }
    if (placeholder) continue;
    switch (r.kind) {
      case Kind::kWords:
        rules.push_back(std::make_unique<WordsRule>(strategy));
        break;
      case Kind::kTypo:
        rules.push_back(std::make_unique<TypoRule>());
        break;
      case Kind::kProximity:
        rules.push_back(std::make_unique<ProximityRule>(
            settings.proximity_precision == settings::ProximityPrecision::kByAttribute));
        break;
      case Kind::kAttribute:
        rules.push_back(std::make_unique<AttributeRankRule>(/*legacy=*/true));
        rules.push_back(std::make_unique<WordPositionRule>(/*legacy=*/true));
        break;
      case Kind::kAttributeRank:
        rules.push_back(std::make_unique<AttributeRankRule>());
        break;
      case Kind::kWordPosition:
        rules.push_back(std::make_unique<WordPositionRule>());
        break;
      case Kind::kExactness:
        rules.push_back(std::make_unique<ExactnessRule>());
        break;
      default:
        break;
    }
  }
  return rules;
}

}  // namespace myriad::engine
