#include "engine/search/facet_search.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <set>
#include <utility>

#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/index_dbs.h"
#include "engine/indexing/search_config.h"
#include "engine/indexing/text/normalize.h"
#include "engine/indexing/text/tokenizer.h"
#include "engine/schema/field_ids.h"
#include "engine/search/facet/facet_reader.h"
#include "engine/search/search_candidates.h"
#include "engine/search/typo/osa_row_stack.h"
#include "engine/search/typo/utf8_units.h"
#include "storage/bitmap_codec.h"

namespace myriad::engine {
namespace {

using settings::FilterableAttributesRule;

bool EnablesFacetSearch(const FilterableAttributesRule& rule) {
  // A plain field name enables every feature, as Meilisearch's legacy form.
  return !rule.is_pattern || rule.facet_search;
}

// Meilisearch's InvalidFacetSearchFacetName, unless `name` may be facet-searched.
Status CheckFacetSearchable(const settings::IndexSettings& settings, const std::string& name) {
  const std::optional<size_t> rule = settings.MatchingFilterableRule(name);
  if (rule && EnablesFacetSearch(settings.filterable_attributes[*rule])) return Status::Ok();
  std::string message = "Attribute `" + name + "` is not facet-searchable. ";
  if (rule) {
    const std::string n = std::to_string(*rule);
    message += "Note: this attribute matches rule #" + n +
               " in filterableAttributes, but this rule does not enable facetSearch.\n"
               "Hint: enable facetSearch in rule #" +
               n + " by adding `\"facetSearch\": true` to the rule.\nHint: prepend another rule " +
               "matching " + name + " with facetSearch: true before rule #" + n;
    return Status::RequestError("invalid_facet_search_facet_name", std::move(message));
  }
  std::set<std::string> searchable;  // sorted, as Meilisearch's BTreeSet lists them
  for (const FilterableAttributesRule& r : settings.filterable_attributes) {
    if (!EnablesFacetSearch(r)) continue;
    if (r.is_pattern) {
      searchable.insert(r.attribute_patterns.begin(), r.attribute_patterns.end());
    } else {
      searchable.insert(r.field);
    }
  }
  if (searchable.empty()) {
    message += "This index does not have configured facet-searchable attributes.";
  } else {
    std::string list;
    for (const std::string& s : searchable) list += (list.empty() ? "" : ", ") + s;
    message += "Available facet-searchable attributes patterns are: `" + list + "`.";
  }
  message += " To make it facet-searchable add it to the `filterableAttributes` index settings.";
  return Status::RequestError("invalid_facet_search_facet_name", std::move(message));
}

// Whether a normalized facet value matches the facet query (see the header).
class ValueMatcher {
 public:
  ValueMatcher(const settings::IndexSettings& settings, const std::string& facet,
               std::optional<std::string> query)
      : query_(query ? std::optional(Form(*query)) : std::nullopt) {
    if (!query_) return;
    const settings::TypoTolerance& typos = settings.typo_tolerance;
    if (!typos.enabled || typos.disable_on_attributes.contains(facet)) return;  // plain prefix
    for (const std::string& word : typos.disable_on_words)
      exact_ |= text::NormalizeWord(word) == *query_;
    if (exact_) return;
    // milli measures the query in bytes here, not characters.
    const size_t bytes = query_->size();
    max_typos_ = bytes < typos.one_typo ? 0 : bytes < typos.two_typos ? 1 : 2;
    if (max_typos_ == 0) return;
    std::vector<typo::Utf8Unit> units;
    typo::DecodeUtf8Units(*query_, units);
    std::vector<char32_t> codes;
    for (const typo::Utf8Unit& u : units) codes.push_back(u.code);
    rows_.emplace(std::move(codes), static_cast<uint8_t>(max_typos_ + 1));
  }

  bool has_query() const { return query_.has_value(); }

  // The form values are matched and ordered in: a search word's normalization.
  static std::string Form(std::string_view text) { return text::NormalizeWord(text); }

  // REQUIRES: has_query(); `form` is Form() of a value.
  bool Matches(std::string_view form) {
    if (exact_) return form == *query_;
    if (!rows_) return form.starts_with(*query_);
    // Some prefix of the value within the budget: the prefix automaton's test.
    if (rows_->query_size() <= max_typos_) return true;
    typo::DecodeUtf8Units(form, units_);
    for (size_t d = 0; d < units_.size(); ++d) {
      rows_->Push(d, units_[d].code);
      if (rows_->Distance(d + 1) <= max_typos_) return true;
      if (rows_->RowMin(d + 1) > max_typos_) return false;
    }
    return false;
  }

 private:
  std::optional<std::string> query_;
  bool exact_ = false;
  size_t max_typos_ = 0;
  std::optional<typo::OsaRowStack> rows_;  // set when typos are allowed
  std::vector<typo::Utf8Unit> units_;      // reused by Matches
};

struct Match {
  std::string form;  // ValueMatcher::Form of the key, when there is a query
  std::string key;   // the normalized value, as the facet key holds it
  uint64_t count = 0;
};

// milli's ValuesCollection::Count: a min-heap of `max` hits where a hit
// replaces the least one when its count is not lower; then count desc, value desc.
std::vector<facet::FacetCount> TopByCount(std::vector<facet::FacetCount> hits, size_t max) {
  const auto greater = [](const facet::FacetCount& a, const facet::FacetCount& b) {
    return std::tie(a.count, a.value) > std::tie(b.count, b.value);
  };
  std::priority_queue<facet::FacetCount, std::vector<facet::FacetCount>, decltype(greater)> heap(
      greater);
  for (facet::FacetCount& hit : hits) {
    if (heap.size() < max) {
      heap.push(std::move(hit));
    } else if (max != 0 && heap.top().count <= hit.count) {
      heap.pop();
      heap.push(std::move(hit));
    }
  }
  std::vector<facet::FacetCount> out;
  for (; !heap.empty(); heap.pop()) out.push_back(heap.top());
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

Result<std::vector<facet::FacetCount>> SearchFacetValues(const storage::Txn& txn,
                                                         const IndexView& index,
                                                         const FacetSearchRequest& request) {
  if (!index.settings.facet_search) {
    return Status::RequestError("facet_search_disabled",
                                "The facet search is disabled for this index");
  }
  MYRIAD_RETURN_IF_ERROR(CheckFacetSearchable(index.settings, request.facet_name));
  MYRIAD_ASSIGN_OR_RETURN(Roaring candidates,
                          SearchCandidates(txn, index, request.search, "invalid_search_filter"));
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, index.dbs.main));
  const std::optional<uint16_t> fid = fields.Find(request.facet_name);
  // A filterable field no document holds yet has no values.
  if (!fid) return std::vector<facet::FacetCount>();

  ValueMatcher matcher(index.settings, request.facet_name, request.facet_query);
  std::vector<Match> matches;
  MYRIAD_RETURN_IF_ERROR(facet::ScanField(
      txn, index.dbs.facets.strings, *fid, std::nullopt, std::nullopt, /*reverse=*/false,
      [&](std::string_view key, std::string_view value) -> Result<bool> {
        Match m;
        if (matcher.has_query()) {
          m.form = ValueMatcher::Form(key);
          if (!matcher.Matches(m.form)) return true;
        }
        MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(value));
        m.count = docs.and_cardinality(candidates);
        if (m.count != 0) {
          m.key = std::string(key);
          matches.push_back(std::move(m));
        }
        return true;
      }));
  // With a query milli walks the values in their normalized-word order (an
  // FST of those forms), without one in facet key order.
  if (matcher.has_query()) {
    std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
      return std::tie(a.form, a.key) < std::tie(b.form, b.key);
    });
  }
  const size_t max = index.settings.faceting.max_values_per_facet;
  const bool by_count =
      index.settings.faceting.OrderFor(request.facet_name) == settings::FacetValuesSort::kCount;
  // In alphabetical order only the first `max` values are shown.
  if (!by_count && matches.size() > max) matches.resize(max);
  std::vector<facet::FacetCount> hits;
  hits.reserve(matches.size());
  for (Match& m : matches) {
    MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> original,
                            txn.Get(index.dbs.facets.originals, facet::FieldKey(*fid, m.key)));
    hits.push_back({original ? std::string(*original) : std::move(m.key), m.count});
  }
  if (by_count) return TopByCount(std::move(hits), max);
  return hits;
}

Result<std::vector<facet::FacetCount>> SearchFacetValues(const storage::Txn& txn,
                                                         const Index& index, std::string_view uid,
                                                         const FacetSearchRequest& request) {
  MYRIAD_ASSIGN_OR_RETURN(settings::IndexSettings settings, index.LoadSettings(txn));
  const SearchConfig config = ConfigFor(settings);
  const text::Tokenizer tokenizer(config.tokenizer);
  return SearchFacetValues(
      txn, IndexView{uid, index.store(), index.dbs(), settings, config, tokenizer}, request);
}

}  // namespace myriad::engine
