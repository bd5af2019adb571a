// DocumentObserver: told of every change the document store makes, inside the
// same write transaction, so structures derived from documents (the search
// index) stay exact.
//
// Thread safety: as the transaction; one thread.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "storage/txn.h"
#include "util/status.h"

namespace myriad::engine {

class DocumentObserver {
 public:
  virtual ~DocumentObserver() = default;
  // Document `id` is now `document`; `old_document` is the version it replaces,
  // or null for a new document.
  virtual Status OnPut(storage::WriteTxn& txn, uint32_t id, const boost::json::object* old_document,
                       const boost::json::object& document) = 0;
  // Document `id`, which was `document`, is deleted.
  virtual Status OnDelete(storage::WriteTxn& txn, uint32_t id,
                          const boost::json::object& document) = 0;
  // Every document is deleted.
  virtual Status OnClear(storage::WriteTxn& txn) = 0;
};

}  // namespace myriad::engine
