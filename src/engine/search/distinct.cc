#include "engine/search/distinct.h"

#include "engine/indexing/facet/facet_keys.h"
#include "engine/search/facet/facet_distribution.h"
#include "engine/search/facet/facet_reader.h"
#include "engine/search/sort_criteria.h"

namespace myriad::engine {

Result<Distinct> Distinct::Load(const storage::Txn& txn, const SearchDbs& dbs,
                                const FieldIds& fields, const std::string& field,
                                const Roaring& candidates) {
  Distinct distinct;
  distinct.total_ = candidates.cardinality();
  if (std::optional<uint16_t> fid = fields.Find(field)) {
    MYRIAD_ASSIGN_OR_RETURN(auto values,
                            facet::FacetDistribution(txn, dbs.facets, *fid, candidates, SIZE_MAX,
                                                     /*sort_by_count=*/false));
    MYRIAD_ASSIGN_OR_RETURN(Roaring with_field,
                            facet::ReadFlag(txn, dbs.facets, *fid, facet::FacetFlag::kExists));
    distinct.total_ = values.size() + (candidates - with_field).cardinality();
  }
  MYRIAD_ASSIGN_OR_RETURN(distinct.values_,
                          SortOrdinals(txn, dbs, fields, SortField{field, true}, candidates));
  return distinct;
}

bool Distinct::Admit(uint32_t id) {
  auto value = values_.find(id);
  return value == values_.end() || seen_.insert(value->second).second;
}

}  // namespace myriad::engine
