#include "engine/indexing/facet/facet_writer.h"

#include <utility>

#include "engine/indexing/facet/facet_keys.h"
#include "engine/indexing/facet/facet_value.h"
#include "storage/bitmap_delta_writer.h"

namespace myriad::facet {
namespace {

std::string FlagKey(uint16_t fid, FacetFlag flag) {
  return FieldKey(fid, std::string(1, static_cast<char>(flag)));
}

}  // namespace

void FacetWriter::Add(uint32_t docid, uint16_t fid, const boost::json::value& leaf,
                      bool array_element) {
  Apply(docid, fid, leaf, array_element, /*add=*/true);
}

void FacetWriter::Remove(uint32_t docid, uint16_t fid, const boost::json::value& leaf,
                         bool array_element) {
  Apply(docid, fid, leaf, array_element, /*add=*/false);
}

void FacetWriter::Mark(Changes& changes, std::string key, uint32_t docid, bool add) {
  Change& change = changes[std::move(key)];
  if (add) {
    change.added.add(docid);
    change.removed.remove(docid);
  } else {
    change.removed.add(docid);
    change.added.remove(docid);
  }
}

void FacetWriter::Apply(uint32_t docid, uint16_t fid, const boost::json::value& leaf,
                        bool array_element, bool add) {
  Mark(flags_, FlagKey(fid, FacetFlag::kExists), docid, add);
  switch (leaf.kind()) {
    case boost::json::kind::string: {
      const boost::json::string& s = leaf.get_string();
      if (s.empty()) {
        if (!array_element) Mark(flags_, FlagKey(fid, FacetFlag::kEmpty), docid, add);
        return;
      }
      std::string key = FieldKey(fid, FacetStringKey(s));
      if (add) originals_.try_emplace(key, s.data(), s.size());
      Mark(strings_, std::move(key), docid, add);
      return;
    }
    case boost::json::kind::bool_:
      Mark(strings_, FieldKey(fid, leaf.get_bool() ? "true" : "false"), docid, add);
      return;
    case boost::json::kind::int64:
      Mark(numbers_, FieldKey(fid, EncodeOrderedDouble(static_cast<double>(leaf.get_int64()))),
           docid, add);
      return;
    case boost::json::kind::uint64:
      Mark(numbers_, FieldKey(fid, EncodeOrderedDouble(static_cast<double>(leaf.get_uint64()))),
           docid, add);
      return;
    case boost::json::kind::double_:
      Mark(numbers_, FieldKey(fid, EncodeOrderedDouble(leaf.get_double())), docid, add);
      return;
    case boost::json::kind::null:
      if (!array_element) Mark(flags_, FlagKey(fid, FacetFlag::kNull), docid, add);
      return;
    case boost::json::kind::array:
      if (!array_element && leaf.get_array().empty()) {
        Mark(flags_, FlagKey(fid, FacetFlag::kEmpty), docid, add);
      }
      return;
    case boost::json::kind::object:
      if (!array_element && leaf.get_object().empty()) {
        Mark(flags_, FlagKey(fid, FacetFlag::kEmpty), docid, add);
      }
      return;
  }
}

Status FacetWriter::FlushDb(storage::WriteTxn& txn, storage::Database db, Changes& changes,
                            bool with_originals) {
  MYRIAD_ASSIGN_OR_RETURN(storage::BitmapDeltaWriter writer,
                          storage::BitmapDeltaWriter::Open(txn, db));
  for (auto& [key, change] : changes) {
    storage::BitmapDeltaWriter::Outcome outcome;
    MYRIAD_RETURN_IF_ERROR(writer.Apply(key, std::move(change.added), change.removed, &outcome));
    if (!with_originals) continue;
    if (outcome == storage::BitmapDeltaWriter::Outcome::kDeleted) {
      Status st = txn.Delete(dbs_.originals, key);
      if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
    } else if (outcome == storage::BitmapDeltaWriter::Outcome::kCreated) {
      // A new key: its spelling is the first one added.
      auto original = originals_.find(key);
      if (original != originals_.end()) {
        MYRIAD_RETURN_IF_ERROR(txn.Put(dbs_.originals, key, original->second));
      }
    }
  }
  changes.clear();
  return Status::Ok();
}

Status FacetWriter::Flush(storage::WriteTxn& txn) {
  MYRIAD_RETURN_IF_ERROR(FlushDb(txn, dbs_.strings, strings_, /*with_originals=*/true));
  MYRIAD_RETURN_IF_ERROR(FlushDb(txn, dbs_.numbers, numbers_, /*with_originals=*/false));
  MYRIAD_RETURN_IF_ERROR(FlushDb(txn, dbs_.flags, flags_, /*with_originals=*/false));
  originals_.clear();
  return Status::Ok();
}

Status FacetWriter::Clear(storage::WriteTxn& txn, const FacetDbs& dbs) {
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs.strings));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs.originals));
  MYRIAD_RETURN_IF_ERROR(txn.Clear(dbs.numbers));
  return txn.Clear(dbs.flags);
}

}  // namespace myriad::facet
