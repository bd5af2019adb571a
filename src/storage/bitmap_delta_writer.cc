#include "storage/bitmap_delta_writer.h"

#include <lmdb.h>

#include <utility>

#include "storage/bitmap_codec.h"
#include "storage/cursor.h"

namespace myriad::storage {

Result<BitmapDeltaWriter> BitmapDeltaWriter::Open(WriteTxn& txn, Database db) {
  std::optional<std::string> last_key;
  {
    MYRIAD_ASSIGN_OR_RETURN(Cursor cursor, Cursor::Open(txn, db));
    MYRIAD_ASSIGN_OR_RETURN(bool any, cursor.Last());
    if (any) last_key = std::string(cursor.key());
  }
  return BitmapDeltaWriter(txn, db, std::move(last_key));
}

Status BitmapDeltaWriter::Apply(std::string_view key, Roaring added, const Roaring& removed,
                                Outcome* outcome) {
  Outcome ignored;
  Outcome& out = outcome != nullptr ? *outcome : ignored;
  out = Outcome::kNone;
  if (!last_key_ || key > *last_key_) {
    if (added.isEmpty()) return Status::Ok();
    added.runOptimize();
    out = Outcome::kCreated;
    return txn_.Put(db_, key, EncodeBitmap(added), MDB_APPEND);
  }
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> stored, txn_.Get(db_, key));
  Roaring bitmap;
  if (stored) {
    MYRIAD_ASSIGN_OR_RETURN(bitmap, DecodeBitmap(*stored));
  }
  bitmap -= removed;
  bitmap |= added;
  if (bitmap.isEmpty()) {
    if (!stored) return Status::Ok();
    out = Outcome::kDeleted;
    return txn_.Delete(db_, key);
  }
  bitmap.runOptimize();
  out = stored ? Outcome::kUpdated : Outcome::kCreated;
  return txn_.Put(db_, key, EncodeBitmap(bitmap));
}

Status BitmapDeltaWriter::Apply(std::string_view key, std::span<const uint32_t> added,
                                std::span<const uint32_t> removed) {
  Roaring adds;
  Roaring removes;
  adds.addMany(added.size(), added.data());
  removes.addMany(removed.size(), removed.data());
  return Apply(key, std::move(adds), removes);
}

}  // namespace myriad::storage
