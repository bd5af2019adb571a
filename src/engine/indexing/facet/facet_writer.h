// FacetWriter: the facet changes of one write transaction, gathered in memory
// and written once, key by key in key order.
//
// For each leaf of a filterable or sortable field (the caller flattens the
// document and maps each path to a field id), as milli's facet extractor:
//   string   -> strings db under its normalized key (the originals db keeps
//               the first spelling seen); "" is not a value but kEmpty
//   number   -> numbers db (int64, uint64 and double alike, as a double)
//   bool     -> strings db as "true" / "false"
//   null     -> flag kNull
//   [] / {}  -> flag kEmpty
//   non-empty array or object (an inner node of the document) -> nothing more
//   and always flag kExists.
// kNull and kEmpty are only set for a value held directly by its field, not
// for an element of an array (`{"a": [null]}` is not `a IS NULL`), as milli.
// To match Meilisearch's `a EXISTS` for `{"a": {"b": 1}}`, the caller also
// adds inner nodes (here "a" with the object) when their path is faceted.
//
// Thread safety: none; one writer per transaction.  Ownership: owns its
// pending changes; Flush borrows the transaction.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <roaring/roaring.hh>
#include <string>

#include "engine/indexing/facet/facet_dbs.h"
#include "storage/txn.h"
#include "util/status.h"

namespace myriad::facet {

class FacetWriter {
 public:
  explicit FacetWriter(const FacetDbs& dbs) : dbs_(dbs) {}
  FacetWriter(const FacetWriter&) = delete;
  FacetWriter& operator=(const FacetWriter&) = delete;

  // The last call for a (key, docid) pair wins, so replacing a document is
  // Remove(each old leaf) then Add(each new leaf), and a document added then
  // deleted in the same transaction leaves nothing.  `array_element`: the leaf
  // is an element of an array (see above).
  void Add(uint32_t docid, uint16_t fid, const boost::json::value& leaf,
           bool array_element = false);
  void Remove(uint32_t docid, uint16_t fid, const boost::json::value& leaf,
              bool array_element = false);

  // Writes (stored - removed) | added for every touched key, deleting keys
  // whose bitmap becomes empty, then forgets the pending changes.
  // REQUIRES: txn belongs to the env of the FacetDbs.
  Status Flush(storage::WriteTxn& txn);

  // Removes every facet of the index.
  static Status Clear(storage::WriteTxn& txn, const FacetDbs& dbs);

  bool empty() const { return strings_.empty() && numbers_.empty() && flags_.empty(); }

 private:
  struct Change {
    Roaring added;
    Roaring removed;
  };
  using Changes = std::map<std::string, Change>;  // byte order = LMDB order

  void Apply(uint32_t docid, uint16_t fid, const boost::json::value& leaf, bool array_element,
             bool add);
  static void Mark(Changes& changes, std::string key, uint32_t docid, bool add);
  Status FlushDb(storage::WriteTxn& txn, storage::Database db, Changes& changes,
                 bool with_originals);

  FacetDbs dbs_;
  Changes strings_, numbers_, flags_;
  // Normalized strings key -> the first original spelling added in this txn.
  std::map<std::string, std::string> originals_;
};

}  // namespace myriad::facet
