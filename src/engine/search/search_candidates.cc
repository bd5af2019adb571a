#include "engine/search/search_candidates.h"

#include <algorithm>
#include <string>
#include <vector>

#include "engine/documents/document_dbs.h"
#include "engine/indexing/index_dbs.h"
#include "engine/indexing/text/normalize.h"
#include "engine/search/doc_features.h"
#include "engine/search/document_filter.h"
#include "engine/search/query_parser.h"
#include "engine/search/search_scope.h"

namespace myriad::engine {
namespace {

// Narrows each phrase unit's documents (which hold all its words) to those
// where the words follow each other.
Status KeepPhraseMatches(const storage::Txn& txn, const SearchDbs& dbs, const Roaring& universe,
                         ResolvedQuery& query) {
  for (size_t u = 0; u < query.units.size(); ++u) {
    ResolvedUnit& unit = query.units[u];
    if (!unit.unit.phrase || unit.phrase_exact) continue;
    Roaring kept;
    DocFeatures f;
    for (uint32_t id : unit.docs& universe) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> blob,
                              txn.Get(dbs.doc_words, dbs::EncodeInternalId(id)));
      MYRIAD_RETURN_IF_ERROR(ComputeFeatures(blob.value_or(std::string_view()), query, &f));
      if ((f.matched >> u) & 1) kept.add(id);
    }
    unit.docs = std::move(kept);
  }
  return Status::Ok();
}

}  // namespace

Result<ResolvedQuery> ResolveSearchQuery(const storage::Txn& txn, const IndexView& index,
                                         const FieldIds& fields, std::string_view q,
                                         const std::optional<std::vector<std::string>>& search_on,
                                         const Roaring& universe) {
  std::vector<QueryUnit> units = ParseQuery(q, index.tokenizer, index.config.stop_words);
  typo::TypoRules typo_rules;
  typo_rules.enabled = index.settings.typo_tolerance.enabled;
  typo_rules.min_one_typo = index.settings.typo_tolerance.one_typo;
  typo_rules.min_two_typos = index.settings.typo_tolerance.two_typos;
  typo_rules.disable_on_numbers = index.settings.typo_tolerance.disable_on_numbers;
  for (const std::string& w : index.settings.typo_tolerance.disable_on_words) {
    typo_rules.disable_on_words.push_back(text::NormalizeWord(w));
  }
  if (index.settings.prefix_search == settings::PrefixSearch::kDisabled) {
    for (QueryUnit& unit : units) unit.prefix = false;
  }
  SynonymMap synonyms;
  for (const auto& [key, values] : index.settings.synonyms) {
    const std::vector<text::Token> key_words = index.tokenizer.Tokenize(key);
    if (key_words.size() != 1) continue;
    for (const std::string& value : values) {
      std::vector<std::string> words;
      for (const text::Token& token : index.tokenizer.Tokenize(value)) words.push_back(token.word);
      if (!words.empty()) synonyms[key_words[0].word].push_back(std::move(words));
    }
  }
  MYRIAD_ASSIGN_OR_RETURN(FieldScope scope,
                          SearchScope(index.settings, index.config, fields, search_on));
  MYRIAD_ASSIGN_OR_RETURN(const uint32_t version, ReadSearchVersion(txn, index.dbs));
  if (scope.restricted()) {
    if (version < 1) {
      return Status::FailedPrecondition(
          "this index was written before per-field word bitmaps existed: its next write "
          "(a document or a setting) reindexes it, and attributesToSearchOn and "
          "disableOnAttributes work from then on");
    }
  }
  MYRIAD_ASSIGN_OR_RETURN(ResolvedQuery query,
                          ResolveQuery(txn, index.dbs, std::move(units), typo_rules, synonyms,
                                       std::move(scope), index.words, version));
  MYRIAD_RETURN_IF_ERROR(KeepPhraseMatches(txn, index.dbs, universe, query));
  return query;
}

Roaring MatchingDocuments(const ResolvedQuery& query, Roaring universe, MatchingStrategy strategy) {
  const std::vector<ResolvedUnit>& units = query.units;
  if (units.empty()) return universe;  // a placeholder search
  if (strategy == MatchingStrategy::kAll) {
    for (const ResolvedUnit& unit : units) universe &= unit.docs;
    return universe;
  }
  // The last bucket the words rule makes holds the documents matching only
  // the unit given up last: the first one (`last`) or the rarest (`frequency`).
  auto kept_last = units.begin();
  if (strategy == MatchingStrategy::kFrequency) {
    kept_last = std::min_element(units.begin(), units.end(), [](const auto& a, const auto& b) {
      return a.docs.cardinality() < b.docs.cardinality();
    });
  }
  return universe & kept_last->docs;
}

Result<Roaring> SearchCandidates(const storage::Txn& txn, const IndexView& index,
                                 const SearchRequest& request, std::string_view filter_error_code) {
  MYRIAD_ASSIGN_OR_RETURN(Roaring universe,
                          FilterDocuments(txn, index.dbs, index.settings, index.uid, request.filter,
                                          filter_error_code));
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, index.dbs.main));
  MYRIAD_ASSIGN_OR_RETURN(ResolvedQuery query,
                          ResolveSearchQuery(txn, index, fields, request.q.value_or(""),
                                             request.attributes_to_search_on, universe));
  return MatchingDocuments(query, std::move(universe), request.matching_strategy);
}

}  // namespace myriad::engine
