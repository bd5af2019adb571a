// The four LMDB databases that hold an index's facets (names and key
// encodings: facet_keys.h).
//
// Thread safety: plain handles, valid for the life of the Env that opened them.
#pragma once

#include <functional>
#include <string>

#include "storage/env.h"
#include "util/result.h"

namespace myriad::facet {

struct FacetDbs {
  storage::Database strings;    // fid + normalized string -> bitmap
  storage::Database originals;  // fid + normalized string -> first original spelling
  storage::Database numbers;    // fid + ordered double -> bitmap
  storage::Database flags;      // fid + FacetFlag byte -> bitmap

  // Opens (creating when missing: `create` is passed true) each database
  // through `open_db`, typically Env::OpenDatabase.
  static Result<FacetDbs> Open(
      const std::function<Result<storage::Database>(const std::string& name, bool create)>&
          open_db);
};

}  // namespace myriad::facet
