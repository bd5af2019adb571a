#include "engine/indexing/index_dbs.h"

#include "engine/documents/document_dbs.h"
#include "storage/key_codec.h"

namespace myriad::engine {

Result<SearchDbs> SearchDbs::Open(const OpenDatabaseFn& open_db) {
  SearchDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.main, open_db(std::string(dbs::kMain), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_docids, open_db(std::string(sdbs::kWordDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_ids, open_db(std::string(sdbs::kWordIds), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.doc_words, open_db(std::string(sdbs::kDocWords), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_field_docids,
                          open_db(std::string(sdbs::kWordFieldDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_position_docids,
                          open_db(std::string(sdbs::kWordPositionDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.field_word_count_docids,
                          open_db(std::string(sdbs::kFieldWordCountDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.word_pair_docids, open_db(std::string(sdbs::kWordPairDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.prefix_field_docids,
                          open_db(std::string(sdbs::kPrefixFieldDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.prefix_position_docids,
                          open_db(std::string(sdbs::kPrefixPositionDocids), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.facets, facet::FacetDbs::Open(open_db));
  return dbs;
}

Result<uint32_t> ReadSearchVersion(const storage::Txn& txn, const SearchDbs& dbs) {
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> version,
                          txn.Get(dbs.main, sdbs::kMainSearchVersion));
  if (version) {
    std::optional<uint32_t> decoded = storage::ConsumeU32BE(*version);
    if (!decoded) return Status::Corruption("search index: bad version");
    return *decoded;
  }
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> documents,
                          txn.Get(dbs.main, sdbs::kMainDocumentIds));
  if (!documents) return sdbs::kSearchVersion;
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> fields,
                          txn.Get(dbs.main, sdbs::kMainWordFieldComplete));
  return fields ? 1u : 0u;
}

}  // namespace myriad::engine
