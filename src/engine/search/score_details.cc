#include "engine/search/score_details.h"

#include <boost/json/value.hpp>

namespace myriad::engine {
namespace {

using Kind = ScoreDetail::Kind;

Rank ExactWordsRank(const ScoreDetail& d) { return {d.count + 1, d.max_count + 1}; }

// Each rank refines the ones before it.
double Merge(const std::vector<Rank>& ranks) {
  uint64_t rank = 1;
  uint64_t max = 1;
  for (const Rank& r : ranks) {
    // Past 2^53 a double cannot tell ranks apart anyway: stop refining.
    if (max > (uint64_t{1} << 40)) break;
    rank = (rank - 1) * r.max + r.rank;
    max *= r.max;
  }
  return static_cast<double>(rank) / static_cast<double>(max);
}

const char* MatchType(ExactMatch m) {
  switch (m) {
    case ExactMatch::kExact:
    case ExactMatch::kExactDerived:
      return "exactMatch";
    case ExactMatch::kStart:
    case ExactMatch::kStartDerived:
      return "matchesStart";
    case ExactMatch::kNone:
      break;
  }
  return "noExactMatch";
}

// The value at dotted `path` of `hit` (nested objects or a flat dotted key).
boost::json::value ValueAt(const boost::json::object& hit, std::string_view path) {
  if (const boost::json::value* flat = hit.if_contains(path)) return *flat;
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos) return nullptr;
  const boost::json::value* head = hit.if_contains(path.substr(0, dot));
  if (head == nullptr || !head->is_object()) return nullptr;
  return ValueAt(head->get_object(), path.substr(dot + 1));
}

}  // namespace

std::vector<Rank> Ranks(const std::vector<ScoreDetail>& details) {
  std::vector<Rank> ranks;
  for (const ScoreDetail& d : details) {
    if (d.kind == Kind::kSort || d.kind == Kind::kSkipped) continue;
    ranks.push_back(d.rank);
    if (d.kind == Kind::kExactness) ranks.push_back(ExactWordsRank(d));
  }
  return ranks;
}

double GlobalScore(const std::vector<ScoreDetail>& details) { return Merge(Ranks(details)); }

boost::json::object ScoreDetailsJson(const std::vector<ScoreDetail>& details,
                                     const boost::json::object& hit) {
  boost::json::object out;
  uint64_t order = 0;
  const ScoreDetail* attribute_rank = nullptr;
  for (const ScoreDetail& d : details) {
    switch (d.kind) {
      case Kind::kWords:
        out["words"] = {{"order", order++},
                        {"matchingWords", d.count},
                        {"maxMatchingWords", d.max_count},
                        {"score", d.rank.Local()}};
        break;
      case Kind::kTypo:
        out["typo"] = {{"order", order++},
                       {"typoCount", d.count},
                       {"maxTypoCount", d.max_count},
                       {"score", d.rank.Local()}};
        break;
      case Kind::kProximity:
        out["proximity"] = {{"order", order++}, {"score", d.rank.Local()}};
        break;
      case Kind::kAttributeRank:
        if (d.legacy_attribute) {
          attribute_rank = &d;
          out["attribute"] = {{"order", order++}, {"attributeRankingOrderScore", d.rank.Local()}};
        } else {
          out["attributeRank"] = {{"order", order++}, {"score", d.rank.Local()}};
        }
        break;
      case Kind::kWordPosition:
        if (d.legacy_attribute && attribute_rank != nullptr) {
          boost::json::object& attribute = out["attribute"].as_object();
          attribute["queryWordDistanceScore"] = d.rank.Local();
          attribute["score"] = Merge({attribute_rank->rank, d.rank});
        } else {
          out["wordPosition"] = {{"order", order++}, {"score", d.rank.Local()}};
        }
        break;
      case Kind::kExactness: {
        boost::json::object exactness{{"order", order++}, {"matchType", MatchType(d.exact)}};
        if (d.exact == ExactMatch::kNone) {
          exactness["matchingWords"] = d.count;
          exactness["maxMatchingWords"] = d.max_count;
          exactness["score"] = Merge({d.rank, ExactWordsRank(d)});
        } else {
          exactness["score"] = d.rank.Local();
        }
        out["exactness"] = std::move(exactness);
        break;
      }
      case Kind::kSort: {
        const std::string_view field =
            std::string_view(d.sort_key).substr(0, d.sort_key.rfind(':'));
        out[d.sort_key] = {{"order", order++}, {"value", ValueAt(hit, field)}};
        break;
      }
      case Kind::kSkipped:
        out["skipped"] = {{"order", order++}};
        break;
    }
  }
  return out;
}

}  // namespace myriad::engine
