#include "engine/search/sort_criteria.h"

#include <algorithm>

#include "engine/search/facet/facet_sort.h"

namespace myriad::engine {

Result<std::vector<SortField>> ParseSort(const settings::IndexSettings& settings,
                                         const std::vector<std::string>& sort,
                                         std::string_view error_code) {
  const std::string code(error_code);
  std::vector<SortField> out;
  for (const std::string& s : sort) {
    const size_t colon = s.rfind(':');
    const std::string field = colon == std::string::npos ? s : s.substr(0, colon);
    const std::string order = colon == std::string::npos ? "" : s.substr(colon + 1);
    if (colon == std::string::npos || (order != "asc" && order != "desc") || field.empty()) {
      return Status::RequestError(
          code,
          "Invalid syntax for the sort parameter: expected expression ending by "
          "`:asc` or `:desc`, found `" +
              s + "`.");
    }
    if (!settings.IsSortable(field)) {
      std::string names;
      for (const std::string& name : settings.sortable_attributes) {
        names += (names.empty() ? "" : ", ") + name;
      }
      return Status::RequestError(
          code, "Attribute `" + field + "` is not sortable. " +
                    (names.empty()
                         ? std::string("This index does not have configured sortable attributes.")
                         : "Available sortable attributes are: `" + names + "`."));
    }
    out.push_back({field, order == "asc"});
  }
  return out;
}

Result<std::unordered_map<uint32_t, uint32_t>> SortOrdinals(const storage::Txn& txn,
                                                            const SearchDbs& dbs,
                                                            const FieldIds& fields,
                                                            const SortField& sort,
                                                            const Roaring& candidates) {
  std::unordered_map<uint32_t, uint32_t> ordinals;
  std::optional<uint16_t> fid = fields.Find(sort.field);
  if (!fid) return ordinals;
  uint32_t ordinal = 0;
  MYRIAD_RETURN_IF_ERROR(facet::ForEachSortBucket(txn, dbs.facets, *fid, sort.ascending, candidates,
                                                  [&](const Roaring& bucket) {
                                                    for (uint32_t id : bucket) {
                                                      ordinals.emplace(id, ordinal);
                                                    }
                                                    ++ordinal;
                                                    return true;
                                                  }));
  return ordinals;
}

Result<std::vector<uint32_t>> SortIds(const storage::Txn& txn, const SearchDbs& dbs,
                                      const std::vector<SortField>& sort, const Roaring& ids) {
  std::vector<uint32_t> out;
  out.reserve(ids.cardinality());
  for (uint32_t id : ids) out.push_back(id);
  if (sort.empty()) return out;
  MYRIAD_ASSIGN_OR_RETURN(FieldIds fields, FieldIds::Load(txn, dbs.main));
  std::vector<std::unordered_map<uint32_t, uint32_t>> ordinals;
  for (const SortField& s : sort) {
    MYRIAD_ASSIGN_OR_RETURN(auto o, SortOrdinals(txn, dbs, fields, s, ids));
    ordinals.push_back(std::move(o));
  }
  auto key = [&](uint32_t id, size_t i) {
    auto it = ordinals[i].find(id);
    return it == ordinals[i].end() ? UINT32_MAX : it->second;
  };
  std::stable_sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    for (size_t i = 0; i < ordinals.size(); ++i) {
      const uint32_t ka = key(a, i);
      const uint32_t kb = key(b, i);
      if (ka != kb) return ka < kb;
    }
    return false;
  });
  return out;
}

}  // namespace myriad::engine
