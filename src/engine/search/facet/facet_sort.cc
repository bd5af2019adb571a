#include "engine/search/facet/facet_sort.h"

#include "engine/search/facet/facet_reader.h"
#include "storage/bitmap_codec.h"

namespace myriad::facet {

Status ForEachSortBucket(const storage::Txn& txn, const FacetDbs& dbs, uint16_t fid, bool ascending,
                         const Roaring& candidates,
                         const std::function<bool(const Roaring& bucket)>& visit) {
  Roaring remaining = candidates;
  bool stopped = false;
  const FacetEntryVisitor bucket_of = [&](std::string_view,
                                          std::string_view value) -> Result<bool> {
    if (remaining.isEmpty()) return false;
    MYRIAD_ASSIGN_OR_RETURN(Roaring bitmap, storage::DecodeBitmap(value));
    bitmap &= remaining;
    if (bitmap.isEmpty()) return true;
    remaining -= bitmap;
    if (!visit(bitmap)) stopped = true;
    return !stopped;
  };
  for (storage::Database db : {dbs.numbers, dbs.strings}) {
    MYRIAD_RETURN_IF_ERROR(
        ScanField(txn, db, fid, std::nullopt, std::nullopt, /*reverse=*/!ascending, bucket_of));
    if (stopped) return Status::Ok();
  }
  if (!remaining.isEmpty()) visit(remaining);
  return Status::Ok();
}

}  // namespace myriad::facet
