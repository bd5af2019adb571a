// Importing a dump (`myriad serve --import-dump FILE`): a new database built
// from a dump in Meilisearch's format v6, written by Meilisearch v1.x or by
// Myriad: indexes with their settings and documents, API keys with their uids
// (so their values under the same master key are the same), and the task
// history with its uids; enqueued tasks stay enqueued, with their documents.
//
// The database is built beside its final place (`<db>.importing`) through the
// real scheduler, then renamed into place: a bad, truncated or foreign file
// stops the import with a clear error and leaves no half-built database.
//
// Thread safety: one import at a time per db_path; runs before the server.
#pragma once

#include <functional>
#include <string>

#include "index_mapper/index_mapper.h"
#include "util/status.h"

namespace myriad::backup {

struct ImportOptions {
  // The mapper's options for the new database; `root` is set by ImportDump.
  index_mapper::IndexMapperOptions mapper;
  bool no_sync = false;  // tests only
  // Called with a line of progress (an index done, documents sent, ...).
  std::function<void(const std::string&)> progress = [](const std::string&) {};
};

// REQUIRES: nothing exists at db_path. kInvalidArgument (naming the file and
// what is wrong) for an archive that is not a dump v6; other errors as they
// come from the disk.
Status ImportDump(const std::string& archive, const std::string& db_path, ImportOptions options);

}  // namespace myriad::backup
