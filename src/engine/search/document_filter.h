// FilterDocuments: the documents of an index a Meilisearch filter selects, for
// search, document browsing and deletion by filter.
//
// Thread safety: pure function of its arguments.
#pragma once

#include <boost/json/value.hpp>
#include <roaring/roaring.hh>
#include <string_view>

#include "engine/indexing/search_index_writer.h"
#include "engine/schema/index_settings.h"
#include "util/result.h"

namespace myriad::engine {

// Every document when `filter` is null. Request errors (syntax, attribute not
// filterable) come back with `error_code` (invalid_search_filter,
// invalid_document_filter) and Meilisearch's message.
Result<Roaring> FilterDocuments(const storage::Txn& txn, const SearchDbs& dbs,
                                const settings::IndexSettings& settings, std::string_view index_uid,
                                const boost::json::value& filter, std::string_view error_code);

}  // namespace myriad::engine
