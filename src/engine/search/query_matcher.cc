#include "engine/search/query_matcher.h"

#include <algorithm>

#include "engine/search/typo/derive_words.h"
#include "engine/search/typo/lmdb_word_dictionary.h"
#include "engine/search/typo/word_list.h"
#include "engine/search/word_keys.h"
#include "storage/bitmap_codec.h"
#include "storage/key_codec.h"

namespace myriad::engine {
namespace {

// The word's bitmap and id, or nullopt when the index does not hold it.
Result<std::optional<std::pair<Roaring, uint32_t>>> LookupWord(const storage::Txn& txn,
                                                               const SearchDbs& dbs,
                                                               const std::string& word) {
  using Found = std::optional<std::pair<Roaring, uint32_t>>;
  if (word.empty() || word.size() > 511) return Found();
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> bitmap, txn.Get(dbs.word_docids, word));
  if (!bitmap) return Found();
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> id, txn.Get(dbs.word_ids, word));
  std::optional<uint32_t> decoded;
  if (id) decoded = storage::ConsumeU32BE(*id);
  if (!decoded) return Status::Corruption("search index: word `" + word + "` has no id");
  MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(*bitmap));
  return Found(std::make_pair(std::move(docs), *decoded));
}

// The documents holding word `word_id` with `typos` in the fields `scope`
// allows it in.
Result<Roaring> DocsInScope(storage::Cursor& cursor, uint32_t word_id, uint8_t typos,
                            const FieldScope& scope) {
  std::vector<Roaring> owned;
  MYRIAD_RETURN_IF_ERROR(ForEachWordKey(cursor, word_id, [&](uint16_t fid, Roaring docs) {
    if (scope.Allows(fid, typos)) owned.push_back(std::move(docs));
    return Status::Ok();
  }));
  std::vector<const Roaring*> bitmaps;
  for (const Roaring& r : owned) bitmaps.push_back(&r);
  return bitmaps.empty() ? Roaring() : Roaring::fastunion(bitmaps.size(), bitmaps.data());
}

// The documents where word `next` follows word `first` in some field.
Result<Roaring> PairDocs(const storage::Txn& txn, const SearchDbs& dbs, uint32_t first,
                         uint32_t next) {
  MYRIAD_ASSIGN_OR_RETURN(
      std::optional<std::string_view> bitmap,
      txn.Get(dbs.word_pair_docids, sdbs::WordPairKey(sdbs::PackWordPair(first, next))));
  if (!bitmap) return Roaring();
  return storage::DecodeBitmap(*bitmap);
}

// The documents where `words` follow each other (each pair adjacent in some
// field), or nullopt when the index lacks one of them.
Result<std::optional<Roaring>> AdjacentWordsDocs(const storage::Txn& txn, const SearchDbs& dbs,
                                                 const std::vector<std::string>& words) {
  std::vector<uint32_t> ids;
  for (const std::string& word : words) {
    MYRIAD_ASSIGN_OR_RETURN(auto found, LookupWord(txn, dbs, word));
    if (!found) return std::optional<Roaring>();
    ids.push_back(found->second);
  }
  Roaring docs;
  for (size_t i = 1; i < ids.size(); ++i) {
    MYRIAD_ASSIGN_OR_RETURN(Roaring pair, PairDocs(txn, dbs, ids[i - 1], ids[i]));
    if (pair.isEmpty()) return std::optional<Roaring>();
    docs = i == 1 ? std::move(pair) : docs & pair;
  }
  return std::optional<Roaring>(std::move(docs));
}

}  // namespace

Result<ResolvedQuery> ResolveQuery(const storage::Txn& txn, const SearchDbs& dbs,
                                   std::vector<QueryUnit> units, const typo::TypoRules& rules,
                                   const SynonymMap& synonyms, FieldScope scope,
                                   const typo::WordList* words, uint32_t search_version) {
  ResolvedQuery query;
  query.scope = std::move(scope);
  query.search_version = search_version;
  std::unique_ptr<typo::WordDictionary> dictionary;
  if (words != nullptr) {
    dictionary = std::make_unique<typo::WordListDictionary>(*words);
  } else {
    MYRIAD_ASSIGN_OR_RETURN(dictionary, typo::LmdbWordDictionary::Open(txn, dbs.word_docids));
  }
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor fields_cursor,
                          storage::Cursor::Open(txn, dbs.word_field_docids));
  // A word's documents: all of them, or those of the fields the scope allows.
  auto lookup = [&](const std::string& word,
                    uint8_t typos) -> Result<std::optional<std::pair<Roaring, uint32_t>>> {
    MYRIAD_ASSIGN_OR_RETURN(auto found, LookupWord(txn, dbs, word));
    if (!found || !query.scope.restricted()) return found;
    MYRIAD_ASSIGN_OR_RETURN(found->first,
                            DocsInScope(fields_cursor, found->second, typos, query.scope));
    if (found->first.isEmpty()) found.reset();
    return found;
  };
  // The derivations of `word`, from the word list's cache when there is one.
  auto derive = [&](const std::string& word, bool prefix) -> Result<std::vector<typo::Derivation>> {
    if (words == nullptr) return typo::DeriveWords(*dictionary, word, prefix, rules);
    typo::DerivationCache::Derivations cached = words->derivations().Find(word, prefix);
    if (cached == nullptr) {
      MYRIAD_ASSIGN_OR_RETURN(std::vector<typo::Derivation> derived,
                              typo::DeriveWords(*dictionary, word, prefix, rules));
      cached = std::make_shared<const std::vector<typo::Derivation>>(std::move(derived));
      words->derivations().Insert(word, prefix, cached);
    }
    return *cached;
  };
  const bool pairs_indexed = search_version >= 3;  // word_pair_docids
  for (size_t u = 0; u < units.size(); ++u) {
    ResolvedUnit resolved;
    resolved.unit = std::move(units[u]);
    const auto unit_index = static_cast<uint16_t>(u);
    if (resolved.unit.phrase) {
      bool first = true;
      int pairs_read = 0;
      // The id of the previous word of the phrase, when it was found and is
      // not a stop word (else kNone): the two must then be an adjacent pair.
      constexpr uint32_t kNone = UINT32_MAX;  // word ids stay below it
      uint32_t previous = kNone;
      for (size_t w = 0; w < resolved.unit.words.size(); ++w) {
        if (resolved.unit.stop[w]) {
          previous = kNone;
          continue;
        }
        const std::string& word = resolved.unit.words[w];
        MYRIAD_ASSIGN_OR_RETURN(auto found, lookup(word, 0));
        if (!found) {
          resolved.docs = Roaring();
          first = false;
          previous = kNone;
          continue;
        }
        resolved.docs = first ? found->first : resolved.docs & found->first;
        first = false;
        // A superset of the phrase's documents (KeepPhraseMatches checks
        // each), far smaller than its words' when they are common.
        if (previous != kNone && pairs_indexed) {
          MYRIAD_ASSIGN_OR_RETURN(Roaring pair, PairDocs(txn, dbs, previous, found->second));
          resolved.docs &= pair;
          ++pairs_read;
        }
        previous = found->second;
        WordMatchInfo info{unit_index, static_cast<uint8_t>(w), 0, false};
        resolved.words.emplace(word, info);
        query.by_word_id[found->second].push_back(info);
      }
      resolved.phrase_exact =
          pairs_read == 1 && resolved.unit.words.size() == 2 && !query.scope.restricted();
      resolved.docs_by_typos[0] = resolved.docs;
    } else {
      MYRIAD_ASSIGN_OR_RETURN(std::vector<typo::Derivation> derivations,
                              derive(resolved.unit.words.front(), resolved.unit.prefix));
      resolved.max_typos = typo::AllowedTypos(resolved.unit.words.front(), rules);
      std::vector<Roaring> synonym_docs;  // of the multi-word synonyms
      if (auto it = synonyms.find(resolved.unit.words.front()); it != synonyms.end()) {
        for (const std::vector<std::string>& synonym : it->second) {
          if (synonym.size() == 1) {
            derivations.push_back(typo::Derivation{synonym.front(), 0, false});
            continue;
          }
          MYRIAD_ASSIGN_OR_RETURN(std::optional<Roaring> docs,
                                  AdjacentWordsDocs(txn, dbs, synonym));
          if (!docs) continue;
          for (size_t w = 0; w < synonym.size(); ++w) {
            resolved.words.emplace(synonym[w],
                                   WordMatchInfo{unit_index, static_cast<uint8_t>(w), 0, false});
          }
          synonym_docs.push_back(std::move(*docs));
        }
      }
      for (const typo::Derivation& d : derivations) {
        if (resolved.words.contains(d.word)) continue;  // a synonym already derived
        MYRIAD_ASSIGN_OR_RETURN(auto found, lookup(d.word, d.typos));
        if (!found) continue;
        WordMatchInfo info{unit_index, 0, d.typos, d.prefix};
        resolved.words.emplace(d.word, info);
        query.by_word_id[found->second].push_back(info);
        const bool exact = d.typos == 0 && !d.prefix && d.word == resolved.unit.words.front();
        const bool completion = d.typos == 0 && (exact || d.prefix);
        resolved.derived.push_back({found->second, d.typos, std::move(found->first), exact,
                                    static_cast<uint32_t>(d.word.size()), completion});
      }
      std::array<std::vector<const Roaring*>, 3> by_typos;
      for (const Roaring& docs : synonym_docs) by_typos[0].push_back(&docs);
      for (const DerivedWord& word : resolved.derived) {
        by_typos[std::min<uint8_t>(word.typos, 2)].push_back(&word.docs);
      }
      for (size_t t = 0; t < 3; ++t) {
        Roaring& docs = resolved.docs_by_typos[t];
        if (!by_typos[t].empty()) docs = Roaring::fastunion(by_typos[t].size(), by_typos[t].data());
        docs -= resolved.docs;  // fewer typos already counted these
        resolved.docs |= docs;
      }
    }
    query.units.push_back(std::move(resolved));
  }
  for (const auto& [id, infos] : query.by_word_id) query.sorted_word_ids.emplace_back(id, &infos);
  std::sort(query.sorted_word_ids.begin(), query.sorted_word_ids.end());
  if (!query.sorted_word_ids.empty()) {
    query.word_id_bits.assign(query.sorted_word_ids.back().first / 64 + 1, 0);
    for (const auto& entry : query.sorted_word_ids) {
      query.word_id_bits[entry.first / 64] |= uint64_t{1} << (entry.first % 64);
    }
  }
  return query;
}

}  // namespace myriad::engine
