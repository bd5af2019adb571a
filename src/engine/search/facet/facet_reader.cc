#include "engine/search/facet/facet_reader.h"

#include "storage/bitmap_codec.h"
#include "storage/cursor.h"

namespace myriad::facet {
namespace {

// LMDB's default largest key; longer keys make mdb_get fail, and none is stored.
constexpr std::size_t kMaxLmdbKeyBytes = 511;
// Seeks use a prefix of a long bound; the exact test is done on each key.
constexpr std::size_t kMaxSeekRestBytes = 400;

uint16_t KeyField(std::string_view key) {
  return static_cast<uint16_t>((static_cast<unsigned char>(key[0]) << 8) |
                               static_cast<unsigned char>(key[1]));
}

bool AboveLower(std::string_view rest, const std::optional<KeyBound>& lower) {
  if (!lower) return true;
  const int c = rest.compare(lower->bytes);
  return c > 0 || (c == 0 && lower->inclusive);
}

bool BelowUpper(std::string_view rest, const std::optional<KeyBound>& upper) {
  if (!upper) return true;
  const int c = rest.compare(upper->bytes);
  return c < 0 || (c == 0 && upper->inclusive);
}

}  // namespace

Result<Roaring> ReadBitmap(const storage::Txn& txn, storage::Database db, std::string_view key) {
  if (key.size() > kMaxLmdbKeyBytes) return Roaring();
  MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> value, txn.Get(db, key));
  if (!value) return Roaring();
  return storage::DecodeBitmap(*value);
}

Result<Roaring> ReadFlag(const storage::Txn& txn, const FacetDbs& dbs, uint16_t fid,
                         FacetFlag flag) {
  return ReadBitmap(txn, dbs.flags, FieldKey(fid, std::string(1, static_cast<char>(flag))));
}

Status ScanField(const storage::Txn& txn, storage::Database db, uint16_t fid,
                 const std::optional<KeyBound>& lower, const std::optional<KeyBound>& upper,
                 bool reverse, const FacetEntryVisitor& visit) {
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, db));
  bool on_entry = false;
  if (reverse) {
    // The last key of fid is just before the first key of fid + 1.
    if (fid == UINT16_MAX) {
      MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Last());
    } else {
      MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Seek(FieldKey(static_cast<uint16_t>(fid + 1))));
      if (on_entry) {
        MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Prev());
      } else {
        MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Last());
      }
    }
  } else {
    std::string_view seek_rest;
    if (lower) seek_rest = std::string_view(lower->bytes).substr(0, kMaxSeekRestBytes);
    MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Seek(FieldKey(fid, seek_rest)));
  }
  for (; on_entry;) {
    const std::string_view key = cursor.key();
    if (key.size() < 2 || KeyField(key) != fid) break;
    const std::string_view rest = key.substr(2);
    if (!BelowUpper(rest, upper)) break;  // keys only grow from here (bounds are forward-only)
    if (AboveLower(rest, lower)) {
      MYRIAD_ASSIGN_OR_RETURN(bool more, visit(rest, cursor.value()));
      if (!more) break;
    }
    if (reverse) {
      MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Prev());
    } else {
      MYRIAD_ASSIGN_OR_RETURN(on_entry, cursor.Next());
    }
  }
  return Status::Ok();
}

Result<Roaring> UnionInRange(const storage::Txn& txn, storage::Database db, uint16_t fid,
                             const std::optional<KeyBound>& lower,
                             const std::optional<KeyBound>& upper) {
  Roaring out;
  MYRIAD_RETURN_IF_ERROR(
      ScanField(txn, db, fid, lower, upper, /*reverse=*/false,
                [&out](std::string_view, std::string_view value) -> Result<bool> {
                  MYRIAD_ASSIGN_OR_RETURN(Roaring bitmap, storage::DecodeBitmap(value));
                  out |= bitmap;
                  return true;
                }));
  return out;
}

}  // namespace myriad::facet
