// tar.gz archives of a directory tree (libarchive): how dumps and snapshots
// travel, in the format Meilisearch's dumps use.
//
// Thread safety: free functions; concurrent calls on different paths are safe.
#pragma once

#include <string>

#include "util/status.h"

namespace myriad::backup {

// Writes every regular file and directory under `dir` into a new gzip'd tar at
// `archive_path`, with paths relative to `dir`. The archive is written to
// `archive_path` + ".part" and renamed into place once complete and fsynced,
// so a kill never leaves a truncated archive under the final name.
// `gzip_level` is zlib's, 1 (fastest) to 9 (smallest); 6 is gzip's default.
Status WriteTarGz(const std::string& dir, const std::string& archive_path, int gzip_level = 6);

// Extracts the gzip'd tar at `archive_path` into `dir` (which must exist).
// Refuses, with kInvalidArgument, an archive that is not a tar.gz, is
// truncated, or holds an entry that would land outside `dir` (an absolute
// path, `..`, a link); what was extracted before the refusal stays in `dir`
// for the caller to remove.
Status ExtractTarGz(const std::string& archive_path, const std::string& dir);

}  // namespace myriad::backup
