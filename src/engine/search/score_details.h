// ScoreDetail: what one ranking rule says of the bucket a document ranked in,
// as milli's ScoreDetails: a rank out of a maximum (higher is better) and the
// facts `showRankingScoreDetails` shows. A document's _rankingScore is the
// global score of its details in rule order; its _rankingScoreDetails is the
// JSON object Meilisearch builds from them.
//
// Thread safety: values and pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace myriad::engine {

struct Rank {
  uint32_t rank = 1;  // 1..max; max is the best
  uint32_t max = 1;
  double Local() const { return max == 0 ? 0.0 : static_cast<double>(rank) / max; }
};

// Milli's exactAttribute classes, best first; the "Derived" ones are Myriad's
// (README, "Relevance"): the field is (or starts with) the query with its
// typos corrected or its last word completed.
enum class ExactMatch : uint8_t {
  kExact = 5,
  kExactDerived = 4,
  kStart = 3,
  kStartDerived = 2,
  kNone = 1,
};

struct ScoreDetail {
  enum class Kind : uint8_t {
    kWords,
    kTypo,
    kProximity,
    kAttributeRank,  // milli's Fid
    kWordPosition,   // milli's Position
    kExactness,      // milli's ExactAttribute then ExactWords
    kSort,
    kSkipped,  // searchCutoffMs ran out before the rules told the documents apart
  };
  ScoreDetail() = default;
  ScoreDetail(Kind k, Rank r) : kind(k), rank(r) {}

  Kind kind = Kind::kWords;
  Rank rank;
  // kWords: matching / max words; kTypo: typos / max typos; kExactness: exact
  // words / max words (ExactWords).
  uint32_t count = 0;
  uint32_t max_count = 0;
  ExactMatch exact = ExactMatch::kNone;
  // kSort: "field:asc" or "field:desc"; its value is the hit's, shown as is.
  std::string sort_key;
  // kAttributeRank / kWordPosition: the rule is half of the legacy `attribute`
  // rule (shown as one "attribute" entry).
  bool legacy_attribute = false;
};

// The ranks the global score multiplies out, in order (kExactness gives two).
std::vector<Rank> Ranks(const std::vector<ScoreDetail>& details);

// Milli's global score: each rank refines the previous ones, so a document
// ranked better by an earlier rule always scores higher.
double GlobalScore(const std::vector<ScoreDetail>& details);

// Meilisearch's _rankingScoreDetails. `hit`: the displayed document, for the
// value of each sort rule's field.
boost::json::object ScoreDetailsJson(const std::vector<ScoreDetail>& details,
                                     const boost::json::object& hit);

}  // namespace myriad::engine
