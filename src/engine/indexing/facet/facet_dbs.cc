#include "engine/indexing/facet/facet_dbs.h"

#include "engine/indexing/facet/facet_keys.h"

namespace myriad::facet {

Result<FacetDbs> FacetDbs::Open(
    const std::function<Result<storage::Database>(const std::string& name, bool create)>& open_db) {
  FacetDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.strings, open_db(std::string(kFacetStrings), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.originals, open_db(std::string(kFacetOriginals), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.numbers, open_db(std::string(kFacetNumbers), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.flags, open_db(std::string(kFacetFlags), true));
  return dbs;
}

}  // namespace myriad::facet
