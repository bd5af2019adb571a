#include "engine/indexing/index_dbs.h"

#include "engine/documents/document_dbs.h"

namespace myriad::engine {

Result<SearchDbs> SearchDbs::Open(const OpenDatabaseFn& open_db) {
  SearchDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.main, open_db(std::string(dbs::kMain), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_docids, open_db(std::string(sdbs::kWordDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_ids, open_db(std::string(sdbs::kWordIds), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.doc_words, open_db(std::string(sdbs::kDocWords), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_field_docids,
                          open_db(std::string(sdbs::kWordFieldDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.facets, facet::FacetDbs::Open(open_db));
  return dbs;
}

}  // namespace myriad::engine
