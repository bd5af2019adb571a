// `myriad check`: an integrity check of a database directory, for operators and
// for the fault tests (a kill, a full disk). Run it while no server uses the
// directory. It opens every LMDB env (registry, tasks, auth, each index) as the
// server would but never creates one, reads every entry of every database
// (storage::WalkDatabases), and checks the invariants that are cheap:
//   - every index in the registry has its directory, and its document count in
//     the registry equals the entries of its `documents` and `external_ids`
//     databases (a note, not a problem, for the registry's count while a task
//     of the index is recorded as processing: the batch a crash cut runs again
//     at start-up and records the env's count);
//   - every directory under indexes/ belongs to an index of the registry;
//   - every enqueued or processing task's update file exists.
// It prints one JSON object: {"db_path", "ok", "envs": [{"path", "databases":
// [{"name", "entries", "depth", "pages"}]}], "indexes", "tasks": {"total",
// "unfinished", "update_files"}, "problems": [text], "notes": [text]} and exits 0 when there is no
// problem, 1 otherwise. Notes are not problems: leftovers the server removes at its next start,
// update files no unfinished task names.
//
// Thread safety: runs on the main thread, alone.
#pragma once

#include <boost/json/object.hpp>
#include <iosfwd>
#include <string>

namespace myriad::cli {

// The report of the directory `db_path` (see above).
boost::json::object CheckDatabase(const std::string& db_path);

// Writes CheckDatabase's report as one JSON line to `out`; returns 0 when its
// `ok` is true, else 1.
int RunCheckCommand(const std::string& db_path, std::ostream& out);

}  // namespace myriad::cli
