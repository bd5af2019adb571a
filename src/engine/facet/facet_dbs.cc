#include "engine/facet/facet_dbs.h"

#include "engine/search_dbs.h"

namespace myriad::facet {

Result<FacetDbs> FacetDbs::Open(
    const std::function<Result<storage::Database>(const std::string& name, bool create)>& open_db) {
  FacetDbs dbs;
  MYRIAD_ASSIGN_OR_RETURN(dbs.strings, open_db(std::string(engine::sdbs::kFacetStrings), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.originals, open_db(std::string(engine::sdbs::kFacetOriginals), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.numbers, open_db(std::string(engine::sdbs::kFacetNumbers), true));
  MYRIAD_ASSIGN_OR_RETURN(dbs.flags, open_db(std::string(engine::sdbs::kFacetFlags), true));
  return dbs;
}

}  // namespace myriad::facet
