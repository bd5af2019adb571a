// Search: one Meilisearch search over one index, in a read transaction.
//
// Candidates come from bitmaps (the query units' words, the filter); the words
// rule splits them into buckets (matchingStrategy), and inside each bucket the
// other ranking rules are measured on each document's forward index
// (doc_features.h) and applied as a lexicographic sort. Buckets wholly before
// the requested page are counted, never measured; a part of a bucket is
// measured in id order (the tie-break) only until the page has enough of its
// documents at the lowest rule values any of them can have.
//
// Thread safety: pure function of its arguments; many searches may run at once.
#pragma once

#include <string>
#include <string_view>

#include "engine/documents/document_store.h"
#include "engine/indexing/search_config.h"
#include "engine/indexing/search_index_writer.h"
#include "engine/indexing/text/tokenizer.h"
#include "engine/schema/index_settings.h"
#include "engine/search/search_request.h"
#include "engine/search/typo/word_list.h"
#include "util/result.h"

namespace myriad::engine {

// What a search reads of one index. Borrowed; must outlive the call.
struct IndexView {
  std::string_view uid;
  const DocumentStore& store;
  const SearchDbs& dbs;
  const settings::IndexSettings& settings;
  const SearchConfig& config;
  const text::Tokenizer& tokenizer;
  // The index's words at the transaction's snapshot, when a cache had them
  // (word_list_cache.h); else the typo walk reads LMDB.
  const typo::WordList* words = nullptr;
};

// Meilisearch's search response body as JSON text, an object whose first member
// is "hits" (then query, processingTimeMs, the pagination fields of the
// request's mode, facetDistribution/facetStats when facets were asked for).
// Request errors: invalid_search_filter, invalid_search_sort,
// invalid_search_facets, ...
Result<std::string> Search(const storage::Txn& txn, const IndexView& index,
                           const SearchRequest& request);

}  // namespace myriad::engine
