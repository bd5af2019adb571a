#include "engine/search/search.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "engine/documents/document_dbs.h"
#include "engine/documents/select_fields.h"
#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/index_dbs.h"
#include "engine/schema/field_ids.h"
#include "engine/search/bucket_splitter.h"
#include "engine/search/doc_features.h"
#include "engine/search/document_filter.h"
#include "engine/search/facet/facet_distribution.h"
#include "engine/search/facet/facet_reader.h"
#include "engine/search/facet/facet_sort.h"
#include "engine/search/format/format_hit.h"
#include "engine/search/query_matcher.h"
#include "engine/search/search_candidates.h"
#include "engine/search/sort_criteria.h"
#include "engine/search/typo/utf8_units.h"
#include "storage/cursor.h"

namespace myriad::engine {
namespace {

using settings::RankingRule;
using Kind = settings::RankingRule::Kind;

// Parts of at least this many documents are measured with LastWordIds: in
// smaller ones its bitmap work on every derived word costs about what it saves
// (on the bench's queries, 512 beat 128 by 4% and 2,048 by nothing clear).
constexpr uint64_t kLastWordIdsFrom = 512;

// One step of the bucket sort after `words`: a rule, or one `sort` criterion.
struct Criterion {
  Kind kind;
  std::string field;  // kAsc / kDesc
};

// "`a, b, c`", as Meilisearch lists attributes in its errors.
std::string ListNames(const std::vector<std::string>& names) {
  std::string out = "`";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "`";
}

// The facets a request asks for ("*": every filterable attribute), each checked
// to be filterable.
Result<std::vector<std::string>> FacetNames(const settings::IndexSettings& settings,
                                            const std::vector<std::string>& requested) {
  const std::vector<std::string> filterable = settings.FilterableNames();
  std::vector<std::string> names;
  for (const std::string& name : requested) {
    if (name == "*") {
      names.insert(names.end(), filterable.begin(), filterable.end());
    } else if (settings.IsFilterable(name)) {
      names.push_back(name);
    } else {
      return Status::RequestError(
          "invalid_search_facets",
          "Invalid facet distribution: Pattern `" + name + "` is not filterable. " +
              (filterable.empty()
                   ? std::string("This index does not have configured filterable attributes.")
                   : "Available filterable attributes patterns are: " + ListNames(filterable) +
                         "."));
    }
  }
  return names;
}

// Measures documents of one words bucket under the remaining rules.
class Ranker {
 public:
  Ranker(const ResolvedQuery& query, std::vector<Criterion> criteria,
         std::vector<uint32_t> field_rank,
         std::vector<std::unordered_map<uint32_t, uint32_t>> sort_ordinals)
      : query_(query),
        criteria_(std::move(criteria)),
        field_rank_(std::move(field_rank)),
        sort_ordinals_(std::move(sort_ordinals)) {}

  // Rule values of document `id` (lower is better), given the units `kept`
  // (query order) that its bucket requires; its forward index is read up to
  // `last_word_id` (see ComputeFeatures).
  Result<std::vector<uint32_t>> Measure(const storage::Txn& txn, const SearchDbs& dbs, uint32_t id,
                                        const std::vector<uint16_t>& kept,
                                        uint32_t last_word_id = UINT32_MAX) const {
    std::vector<uint32_t> values;
    values.reserve(criteria_.size());
    DocFeatures& f = features_;
    if (!kept.empty()) {
      // Documents come in increasing id order within a part: the next one is
      // usually a few entries ahead of the cursor, reached by stepping.
      if (!cursor_) {
        MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, dbs.doc_words));
        cursor_.emplace(std::move(cursor));
      }
      const std::string key = dbs::EncodeInternalId(id);
      // Ids are unique: at most id - last_id_ entries lie between the two.
      const int steps =
          id > last_id_ && id - last_id_ <= kMaxSteps ? static_cast<int>(id - last_id_) : 0;
      last_id_ = id;
      MYRIAD_ASSIGN_OR_RETURN(bool found, cursor_->SeekForward(key, steps));
      MYRIAD_RETURN_IF_ERROR(
          ComputeFeatures(found && cursor_->key() == key ? cursor_->value() : std::string_view(),
                          query_, &f, last_word_id));
    }
    size_t sort_index = 0;
    for (const Criterion& c : criteria_) {
      switch (c.kind) {
        case Kind::kTypo: {
          uint32_t typos = 0;
          for (uint16_t u : kept) typos += f.typos[u] == UINT8_MAX ? 2 : f.typos[u];
          values.push_back(typos);
          break;
        }
        case Kind::kProximity:
          values.push_back(kept.empty() ? 0 : Proximity(f, kept));
          break;
        case Kind::kAttribute:
        case Kind::kAttributeRank:
        case Kind::kWordPosition: {
          uint32_t best_rank = UINT32_MAX;
          uint32_t best_position = UINT32_MAX;
          for (uint16_t u : kept) {
            for (uint32_t p : f.positions[u]) {
              const uint16_t fid = sdbs::PositionField(p);
              const uint32_t rank = fid < field_rank_.size() ? field_rank_[fid] : UINT32_MAX;
              if (rank < best_rank ||
                  (rank == best_rank && sdbs::PositionInField(p) < best_position)) {
                best_rank = rank;
                best_position = sdbs::PositionInField(p);
              }
            }
          }
          if (c.kind != Kind::kWordPosition) values.push_back(best_rank);
          if (c.kind != Kind::kAttributeRank) values.push_back(best_position);
          break;
        }
        case Kind::kExactness: {
          uint32_t inexact = 0;
          for (uint16_t u : kept) inexact += f.exact[u] ? 0 : 1;
          values.push_back(inexact);
          break;
        }
        case Kind::kAsc:
        case Kind::kDesc:
        case Kind::kSort: {
          const auto& ordinals = sort_ordinals_[sort_index++];
          auto it = ordinals.find(id);
          values.push_back(it == ordinals.end() ? UINT32_MAX : it->second);
          break;
        }
        case Kind::kWords:
          break;
      }
    }
    return values;
  }

 private:
  const ResolvedQuery& query_;
  std::vector<Criterion> criteria_;
  std::vector<uint32_t> field_rank_;
  std::vector<std::unordered_map<uint32_t, uint32_t>> sort_ordinals_;
  mutable DocFeatures features_;                   // reused by Measure: one search, one thread
  mutable std::optional<storage::Cursor> cursor_;  // on doc_words, opened by Measure
  mutable uint32_t last_id_ = UINT32_MAX;          // the document cursor_ was last sought for
  static constexpr uint32_t kMaxSteps = 8;         // more entries ahead: a seek is cheaper
};

// The value ranges of the rules, to turn ranks into Meilisearch's [0, 1] score.
double Score(uint32_t words_rank, uint32_t words_max, const std::vector<uint32_t>& values,
             const std::vector<uint32_t>& maxima) {
  double score = 1.0 - static_cast<double>(words_rank) / (words_max + 1.0);
  double weight = 1.0 / (words_max + 1.0);
  for (size_t i = 0; i < values.size() && i < maxima.size(); ++i) {
    const double m = maxima[i] + 1.0;
    const double v = std::min<double>(values[i], maxima[i]);
    score -= weight * v / m;
    weight /= m;
  }
  return std::clamp(score, 0.0, 1.0);
}

}  // namespace

Result<std::string> Search(const storage::Txn& txn, const IndexView& index,
                           const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, index.dbs.main));
  MYRIAD_ASSIGN_OR_RETURN(Roaring universe,
                          FilterDocuments(txn, index.dbs, index.settings, index.uid, request.filter,
                                          "invalid_search_filter"));
  bool has_sort_rule = false;
  for (const RankingRule& r : index.settings.ranking_rules) has_sort_rule |= r.kind == Kind::kSort;
  if (!request.sort.empty() && !has_sort_rule) {
    return Status::RequestError(
        "invalid_search_sort",
        "You must specify where `sort` is listed in the rankingRules setting to "
        "use the sort parameter at search time.");
  }
  MYRIAD_ASSIGN_OR_RETURN(std::vector<SortField> sort,
                          ParseSort(index.settings, request.sort, "invalid_search_sort"));
  std::vector<std::string> facet_names;
  if (request.facets) {
    MYRIAD_ASSIGN_OR_RETURN(facet_names, FacetNames(index.settings, *request.facets));
  }
  if (request.distinct && !index.settings.IsFilterable(*request.distinct)) {
    return Status::RequestError("invalid_search_distinct",
                                "Attribute `" + *request.distinct +
                                    "` is not filterable and thus, cannot be used as distinct "
                                    "attribute. Available filterable attributes patterns are: " +
                                    ListNames(index.settings.FilterableNames()) + ".");
  }

  // Query units and their documents.
  MYRIAD_ASSIGN_OR_RETURN(ResolvedQuery query,
                          ResolveSearchQuery(txn, index, fields, request.q.value_or(""),
                                             request.attributes_to_search_on, universe));
  const size_t n = query.units.size();

  // The order units are given up in (matchingStrategy): keep[0..k) must all match.
  std::vector<uint16_t> keep(n);
  std::iota(keep.begin(), keep.end(), 0);
  if (request.matching_strategy == MatchingStrategy::kFrequency) {
    std::stable_sort(keep.begin(), keep.end(), [&](uint16_t a, uint16_t b) {
      return query.units[a].docs.cardinality() < query.units[b].docs.cardinality();
    });
  }
  const size_t min_kept =
      n == 0 ? 0 : (request.matching_strategy == MatchingStrategy::kAll ? n : 1);
  // buckets[i]: documents whose first n - i kept units all match (and not more).
  std::vector<Roaring> buckets;
  if (n == 0) {
    buckets.push_back(universe);
  } else {
    std::vector<Roaring> prefix(n + 1);
    prefix[0] = universe;
    for (size_t k = 1; k <= n; ++k) prefix[k] = prefix[k - 1] & query.units[keep[k - 1]].docs;
    for (size_t k = n; k >= std::max<size_t>(min_kept, 1); --k) {
      buckets.push_back(k == n ? prefix[k] : prefix[k] - prefix[k + 1]);
    }
  }
  bool words_rule = false;
  for (const RankingRule& r : index.settings.ranking_rules) words_rule |= r.kind == Kind::kWords;
  if (!words_rule && buckets.size() > 1) {
    Roaring merged;
    for (const Roaring& b : buckets) merged |= b;
    buckets.assign(1, merged);
  }
  uint64_t total = 0;
  for (const Roaring& b : buckets) total += b.cardinality();

  // The rules after `words`, with `sort` expanded to the request's criteria.
  std::vector<Criterion> criteria;
  std::vector<SortField> sort_fields;
  std::vector<uint32_t> maxima;
  for (const RankingRule& r : index.settings.ranking_rules) {
    switch (r.kind) {
      case Kind::kWords:
        break;
      case Kind::kSort:
        for (const SortField& s : sort) {
          criteria.push_back({Kind::kSort, s.field});
          sort_fields.push_back(s);
          maxima.push_back(1000);
        }
        break;
      case Kind::kAsc:
      case Kind::kDesc:
        criteria.push_back({r.kind, r.field});
        sort_fields.push_back({r.field, r.kind == Kind::kAsc});
        maxima.push_back(1000);
        break;
      case Kind::kAttribute:
        criteria.push_back({r.kind, {}});
        maxima.push_back(static_cast<uint32_t>(fields.size()));
        maxima.push_back(64);
        break;
      default:
        criteria.push_back({r.kind, {}});
        maxima.push_back(r.kind == Kind::kTypo           ? static_cast<uint32_t>(2 * n)
                         : r.kind == Kind::kProximity    ? static_cast<uint32_t>(kMaxProximity * n)
                         : r.kind == Kind::kExactness    ? static_cast<uint32_t>(n)
                         : r.kind == Kind::kWordPosition ? 64u
                                                         : static_cast<uint32_t>(fields.size()));
    }
  }
  Roaring candidates;
  for (const Roaring& b : buckets) candidates |= b;
  std::vector<std::unordered_map<uint32_t, uint32_t>> sort_ordinals;
  for (const SortField& s : sort_fields) {
    MYRIAD_ASSIGN_OR_RETURN(auto ordinals, SortOrdinals(txn, index.dbs, fields, s, candidates));
    sort_ordinals.push_back(std::move(ordinals));
  }
  std::vector<uint32_t> field_rank(fields.size(), UINT32_MAX);
  for (size_t fid = 0; fid < fields.size(); ++fid) {
    if (auto rank = index.config.SearchableRank(fields.Name(static_cast<uint16_t>(fid)),
                                                static_cast<uint16_t>(fid))) {
      field_rank[fid] = *rank;
    }
  }
  BucketSplitter splitter(txn, index.dbs, query, field_rank);
  std::vector<Kind> rule_kinds;
  for (const Criterion& c : criteria) rule_kinds.push_back(c.kind);
  Ranker ranker(query, criteria, field_rank, std::move(sort_ordinals));

  // The window of hits asked for, within maxTotalHits.
  const bool page_mode = request.page.has_value() || request.hits_per_page.has_value();
  const uint64_t max_total = index.settings.pagination_max_total_hits;
  const uint64_t hits_per_page = request.hits_per_page.value_or(20);
  const uint64_t page = request.page.value_or(1);
  uint64_t from = request.offset;
  if (page_mode) {
    from = page == 0 || hits_per_page == 0 || page - 1 > max_total / hits_per_page
               ? max_total
               : (page - 1) * hits_per_page;
  }
  uint64_t count = page_mode ? (page == 0 ? 0 : hits_per_page) : request.limit;
  from = std::min(from, max_total);
  count = std::min(count, max_total - from);

  struct Ranked {
    uint32_t id;
    double score;
  };
  std::vector<Ranked> window;
  // The units every document of words bucket `b` matches, in query order.
  auto kept_units = [&](size_t b) {
    const size_t k = n == 0 ? 0 : n - b * (words_rule ? 1 : 0);
    std::vector<uint16_t> kept(keep.begin(),
                               keep.begin() + static_cast<std::ptrdiff_t>(words_rule ? k : n));
    std::sort(kept.begin(), kept.end());
    return kept;
  };
  if (request.ranking_score_threshold) {
    // Documents under the threshold are no hits at all: the totals and facets
    // leave them out too, so every candidate is scored. Scores fall from one
    // words bucket to the next; once a bucket's best possible score is under
    // the threshold, so is every later document.
    Roaring passing;
    const std::vector<uint32_t> best(maxima.size(), 0);
    for (size_t b = 0; b < buckets.size(); ++b) {
      const auto words_rank = static_cast<uint32_t>(b);
      const auto unit_count = static_cast<uint32_t>(n);
      if (Score(words_rank, unit_count, best, maxima) < *request.ranking_score_threshold) break;
      const std::vector<uint16_t> kept = kept_units(b);
      for (uint32_t id : buckets[b]) {
        MYRIAD_ASSIGN_OR_RETURN(std::vector<uint32_t> values,
                                ranker.Measure(txn, index.dbs, id, kept));
        if (Score(words_rank, unit_count, values, maxima) >= *request.ranking_score_threshold) {
          passing.add(id);
        }
      }
    }
    total = 0;
    for (Roaring& bucket : buckets) {
      bucket &= passing;
      total += bucket.cardinality();
    }
    candidates &= passing;
  }
  std::optional<std::string> distinct =
      request.distinct ? request.distinct : index.settings.distinct_attribute;
  if (distinct) {
    // One hit per value: the total counts values (and documents without one).
    uint64_t distinct_total = candidates.cardinality();
    if (std::optional<uint16_t> fid = fields.Find(*distinct)) {
      MYRIAD_ASSIGN_OR_RETURN(
          auto values, facet::FacetDistribution(txn, index.dbs.facets, *fid, candidates, SIZE_MAX,
                                                /*sort_by_count=*/false));
      MYRIAD_ASSIGN_OR_RETURN(Roaring with_field, facet::ReadFlag(txn, index.dbs.facets, *fid,
                                                                  facet::FacetFlag::kExists));
      distinct_total = values.size() + (candidates - with_field).cardinality();
    }
    total = std::min(total, distinct_total);
  }
  // Distinct: each document's value as an ordinal (dotted paths and arrays as
  // the facet databases hold them); a value's first document in rank order wins.
  std::unordered_map<uint32_t, uint32_t> distinct_values;
  std::unordered_set<uint32_t> distinct_seen;
  if (distinct) {
    MYRIAD_ASSIGN_OR_RETURN(distinct_values, SortOrdinals(txn, index.dbs, fields,
                                                          SortField{*distinct, true}, candidates));
  }
  uint64_t skipped = 0;
  // Measures one part of words bucket `b` (documents matching `kept`, in that
  // bucket's rank order after the parts before) and takes the hits the window
  // still needs.
  // The lowest values a document matching `kept` can have (Measure's layout),
  // whatever its forward index holds.
  auto lowest_values = [&](const std::vector<uint16_t>& kept) {
    std::vector<uint32_t> lowest;
    for (const Criterion& c : criteria) {
      if (c.kind == Kind::kProximity) {
        // Each pair of consecutive units is at least 1 apart.
        lowest.push_back(kept.size() <= 1 ? 0 : static_cast<uint32_t>(kept.size() - 1));
      } else if (c.kind != Kind::kWords) {
        lowest.push_back(0);
        if (c.kind == Kind::kAttribute) lowest.push_back(0);
      }
    }
    return lowest;
  };
  // `uniform`: how many leading values all documents of `part` share (the
  // rules the splitter split on).
  auto take_part = [&](const Roaring& part, size_t b, const std::vector<uint16_t>& kept,
                       size_t uniform) {
    std::vector<std::pair<std::vector<uint32_t>, uint32_t>> measured;
    if (kept.empty() && sort_fields.empty()) {
      // No word and no sort tells these documents apart: id order (insertion
      // order) is the ranking, and only the ids the page needs are taken.
      const uint64_t take =
          distinct ? part.cardinality() : (from - skipped) + (count - window.size());
      for (auto it = part.begin(); it != part.end() && measured.size() < take; ++it) {
        measured.emplace_back(std::vector<uint32_t>(criteria.size() + 1, 0), *it);
      }
    } else {
      measured.reserve(part.cardinality());
      // A large part's documents mostly hold only the kept units' common
      // words, which have small ids: their forward indexes are read only
      // that far. In a small part, finding out would cost more.
      const std::vector<uint32_t> last_word_ids = part.cardinality() >= kLastWordIdsFrom
                                                      ? LastWordIds(query, part, kept)
                                                      : std::vector<uint32_t>();
      // Documents come in id order, which breaks ties: once the page's
      // documents all have the lowest values a document of this part can
      // have, none after them can rank before them.
      const uint64_t wanted = (from - skipped) + (count - window.size());
      std::vector<uint32_t> lowest = lowest_values(kept);
      uint64_t at_lowest = 0;
      for (uint32_t id : part) {
        MYRIAD_ASSIGN_OR_RETURN(
            std::vector<uint32_t> values,
            ranker.Measure(txn, index.dbs, id, kept,
                           id < last_word_ids.size() ? last_word_ids[id] : UINT32_MAX));
        if (measured.empty()) {
          for (size_t i = 0; i < uniform && i < lowest.size(); ++i) lowest[i] = values[i];
        }
        at_lowest += values == lowest ? 1 : 0;
        measured.emplace_back(std::move(values), id);
        if (!distinct && at_lowest >= wanted) break;
      }
    }
    // Only the documents the page still needs are put in order.
    const size_t need = distinct
                            ? measured.size()
                            : static_cast<size_t>(std::min<uint64_t>(
                                  measured.size(), (from - skipped) + (count - window.size())));
    std::partial_sort(measured.begin(), measured.begin() + static_cast<std::ptrdiff_t>(need),
                      measured.end());
    measured.resize(need);
    for (auto& [values, id] : measured) {
      if (window.size() >= count) break;
      if (auto value = distinct_values.find(id); value != distinct_values.end()) {
        if (!distinct_seen.insert(value->second).second) continue;
      }
      if (skipped < from) {
        ++skipped;
        continue;
      }
      const uint32_t words_rank = static_cast<uint32_t>(b);
      window.push_back({id, Score(words_rank, static_cast<uint32_t>(n), values, maxima)});
    }
    return Status::Ok();
  };
  for (size_t b = 0; b < buckets.size() && window.size() < count; ++b) {
    if (!distinct && skipped + buckets[b].cardinality() <= from) {
      skipped += buckets[b].cardinality();
      continue;
    }
    const std::vector<uint16_t> kept = kept_units(b);
    // A small bucket is measured whole: splitting it would cost more.
    std::vector<Roaring> parts;
    size_t uniform = 0;
    if (buckets[b].cardinality() > request.split_buckets_above) {
      MYRIAD_ASSIGN_OR_RETURN(parts, splitter.Split(buckets[b], kept, rule_kinds, &uniform));
    } else {
      parts.push_back(buckets[b]);
    }
    for (size_t p = 0; p < parts.size() && window.size() < count; ++p) {
      if (!distinct && skipped + parts[p].cardinality() <= from) {
        skipped += parts[p].cardinality();
        continue;
      }
      MYRIAD_RETURN_IF_ERROR(take_part(parts[p], b, kept, uniform));
    }
  }

  // Hits, as JSON text. A hit that is its whole stored document, with nothing
  // added, is copied as stored: most searches show whole documents, and parsing
  // and re-serializing each one cost about a tenth of a typical search.
  format::FormatOptions options = request.format;
  if (request.attributes_to_retrieve) options.retrieve = *request.attributes_to_retrieve;
  const bool stored_as_shown = index.settings.DisplaysAllFields() &&
                               !request.attributes_to_retrieve && options.highlight.empty() &&
                               options.crop.empty() && !options.matches_position &&
                               !request.show_ranking_score;
  std::string body = "{\"hits\":[";
  for (const Ranked& r : window) {
    if (&r != &window.front()) body += ',';
    if (stored_as_shown) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                              index.store.GetTextByInternalId(txn, r.id));
      if (!text) return Status::Corruption("search: a candidate document is missing");
      body += *text;
      continue;
    }
    MYRIAD_ASSIGN_OR_RETURN(std::optional<boost::json::object> doc,
                            index.store.GetByInternalId(txn, r.id));
    if (!doc) return Status::Corruption("search: a candidate document is missing");
    // Moved, not copied, from the stored document to the hit when every
    // field shows: most hits are a whole document.
    boost::json::object displayed = std::move(*doc);
    if (!index.settings.DisplaysAllFields()) {
      displayed = SelectFields(displayed, *index.settings.displayed_attributes);
    }
    format::FormattedHit formatted =
        format::FormatHit(displayed, options, index.tokenizer,
                          [&](const text::Token& token,
                              std::string_view original) -> std::optional<format::WordMatch> {
                            for (size_t u = 0; u < query.units.size(); ++u) {
                              const ResolvedUnit& unit = query.units[u];
                              auto it = unit.words.find(token.word);
                              if (it == unit.words.end()) continue;
                              format::WordMatch match{0, static_cast<uint32_t>(u)};
                              if (it->second.prefix) {
                                match.highlight_bytes = format::OriginalPrefixBytes(
                                    original, typo::CountUtf8Units(unit.unit.words.front()));
                              }
                              return match;
                            }
                            return std::nullopt;
                          });
    boost::json::object out = request.attributes_to_retrieve
                                  ? SelectFields(displayed, *request.attributes_to_retrieve)
                                  : std::move(displayed);
    if (formatted.formatted) out["_formatted"] = std::move(*formatted.formatted);
    if (formatted.matches_position)
      out["_matchesPosition"] = std::move(*formatted.matches_position);
    if (request.show_ranking_score) out["_rankingScore"] = r.score;
    body += boost::json::serialize(out);
  }
  body += ']';

  boost::json::object response;
  response["query"] = request.q.value_or("");
  response["processingTimeMs"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count();
  const uint64_t total_hits = std::min(total, max_total);
  if (page_mode) {
    response["hitsPerPage"] = hits_per_page;
    response["page"] = page;
    response["totalPages"] =
        hits_per_page == 0 ? 0 : total_hits / hits_per_page + (total_hits % hits_per_page != 0);
    response["totalHits"] = total_hits;
  } else {
    response["limit"] = request.limit;
    response["offset"] = request.offset;
    response["estimatedTotalHits"] = total_hits;
  }
  if (request.facets) {
    boost::json::object distribution;
    boost::json::object stats;
    for (const std::string& name : facet_names) {
      if (name.find('*') != std::string::npos) continue;
      boost::json::object values;
      if (std::optional<uint16_t> fid = fields.Find(name)) {
        const bool by_count =
            index.settings.faceting.OrderFor(name) == settings::FacetValuesSort::kCount;
        MYRIAD_ASSIGN_OR_RETURN(
            auto counts,
            facet::FacetDistribution(txn, index.dbs.facets, *fid, candidates,
                                     index.settings.faceting.max_values_per_facet, by_count));
        for (const auto& [value, n_docs] : counts) values[value] = n_docs;
        MYRIAD_ASSIGN_OR_RETURN(auto minmax,
                                facet::FacetStats(txn, index.dbs.facets, *fid, candidates));
        if (minmax) stats[name] = boost::json::object{{"min", minmax->min}, {"max", minmax->max}};
      }
      distribution[name] = std::move(values);
    }
    response["facetDistribution"] = std::move(distribution);
    response["facetStats"] = std::move(stats);
  }
  // `response` is never empty ("query" at least): its members follow the hits.
  std::string rest = boost::json::serialize(response);
  rest.front() = ',';
  body += rest;
  return body;
}

}  // namespace myriad::engine
