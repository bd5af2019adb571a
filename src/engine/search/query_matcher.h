// QueryMatcher: resolves a parsed query against one index's words: each unit's
// derived words (typo tolerance, prefix), their word ids and document bitmaps.
// The ranking rules and the highlighter both start from it.
//
// Thread safety: a value after Resolve; const methods are safe from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/indexing/search_index_writer.h"
#include "engine/search/query_parser.h"
#include "engine/search/typo/typo_rules.h"
#include "engine/search/typo/word_list.h"
#include "storage/txn.h"

namespace myriad::engine {

// How a document word matches one query unit.
struct WordMatchInfo {
  uint16_t unit = 0;
  uint8_t word_in_unit = 0;  // phrases: which word of the phrase
  uint8_t typos = 0;
  bool prefix = false;  // a prefix derivation: only the query's prefix matched
};

// The fields each derived word may match in: `attributesToSearchOn` and
// `typoTolerance.disableOnAttributes`. By field id: the most typos a word may
// have to match there (-1: none may). Empty: every word matches everywhere.
struct FieldScope {
  std::vector<int8_t> max_typos;

  bool restricted() const { return !max_typos.empty(); }
  bool Allows(uint16_t fid, uint8_t typos) const {
    return max_typos.empty() || (fid < max_typos.size() && int{typos} <= max_typos[fid]);
  }
};

// A derived word of a unit: its id, typos and documents (in the fields the
// scope allows it in).
struct DerivedWord {
  uint32_t id = 0;
  uint8_t typos = 0;
  Roaring docs;
  // The query's word itself: no typo, no completion, no synonym (exactness).
  bool exact = false;
  // The word's length in bytes: a shorter completion is the closer one.
  uint32_t length = 0;
  // The query's word or one of its completions (no typo, no synonym): the
  // prefix databases hold it under the query's word.
  bool completion = false;
};

struct ResolvedUnit {
  QueryUnit unit;
  // Documents holding the unit: any derivation for a word; for a phrase, a
  // superset of those where its words follow each other, checked per document
  // unless `phrase_exact`.
  Roaring docs;
  // A phrase's `docs` are exactly its matches: two words, no stop word, every
  // field searched, read from the adjacent pairs.
  bool phrase_exact = false;
  // `docs` by the fewest typos of their matching words (0, 1, 2), disjoint. A
  // phrase's documents all count as 0.
  std::array<Roaring, 3> docs_by_typos;
  // The derived words (empty for a phrase).
  std::vector<DerivedWord> derived;
  // The most typos the typo settings allow the unit (0 for a phrase).
  uint8_t max_typos = 0;
  // The derived words, for highlighting: normalized word -> its match.
  std::unordered_map<std::string, WordMatchInfo> words;
};

struct ResolvedQuery {
  std::vector<ResolvedUnit> units;
  FieldScope scope;
  // The index's ReadSearchVersion: which databases the ranking may read.
  uint32_t search_version = sdbs::kSearchVersion;
  // Word id -> every unit (and phrase word) it matches.
  std::unordered_map<uint32_t, std::vector<WordMatchInfo>> by_word_id;
  // The same, sorted by word id: forward indexes are read by merging with it.
  std::vector<std::pair<uint32_t, const std::vector<WordMatchInfo>*>> sorted_word_ids;
  // Bit i set: word id i is in by_word_id. A forward index entry is tested in
  // O(1), whatever the number of derived words.
  std::vector<uint64_t> word_id_bits;

  bool HasWordId(uint32_t id) const {
    return id / 64 < word_id_bits.size() && ((word_id_bits[id / 64] >> (id % 64)) & 1) != 0;
  }

  bool empty() const { return units.empty(); }
};

// Normalized word -> what it stands for: each a sequence of normalized words
// (one word, or several that must follow each other, "nyc" -> "new york").
using SynonymMap = std::unordered_map<std::string, std::vector<std::vector<std::string>>>;

// Resolves `units` in the index. `rules` are the index's typo settings; a word
// unit also matches its synonyms, exactly (a multi-word synonym where its
// words are adjacent, sdbs::kWordPairDocids; such documents rank as matching
// the unit in no particular field). A restricted `scope` counts a word's
// documents in its allowed fields only (read from sdbs::kWordFieldDocids).
// REQUIRES: `scope` is unrestricted, or the index's per-field bitmaps are
// complete (ReadSearchVersion >= 1). `words`, when not null, holds the
// index's words at `txn`'s snapshot, and the typo walk reads them there.
// `search_version`: the index's ReadSearchVersion, kept in the result.
Result<ResolvedQuery> ResolveQuery(const storage::Txn& txn, const SearchDbs& dbs,
                                   std::vector<QueryUnit> units, const typo::TypoRules& rules,
                                   const SynonymMap& synonyms = {}, FieldScope scope = {},
                                   const typo::WordList* words = nullptr,
                                   uint32_t search_version = sdbs::kSearchVersion);

}  // namespace myriad::engine
