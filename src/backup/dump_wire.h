// Meilisearch's dump format v6, line by line: what a task, a key and an index's
// metadata look like in `tasks/queue.jsonl`, `keys.jsonl` and
// `indexes/<uid>/metadata.json` (Meilisearch's crates/dump is the contract).
//
// The task lines are Rust's serde shapes, not the HTTP views: `type` is an
// externally tagged enum (`{"documentImport": {"primary_key": ..}}`, or a bare
// string such as "documentClear"), `details` too (`{"DocumentAdditionOrUpdate":
// {"received_documents": ..}}`), with snake_case fields inside.
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>

#include "auth/api_key.h"
#include "index_mapper/index_meta.h"
#include "scheduler/task.h"
#include "util/result.h"

namespace myriad::backup {

// "V6": the only version this build writes; ImportDump reads it too.
inline constexpr const char* kDumpVersion = "V6";

boost::json::object TaskToDump(const scheduler::Task& task);
// The task a line stands for, with the params its processor needs if it is
// still to run (an enqueued document import reads ndjson: the update file the
// dump carries). kInvalidArgument, naming what is wrong, for a malformed line;
// kNotFound for a task type Myriad does not know (a newer Meilisearch's
// `upgradeDatabase`, say), which an import may leave out.
Result<scheduler::Task> TaskFromDump(const boost::json::value& line);

boost::json::object KeyToDump(const auth::ApiKey& key);
Result<auth::ApiKey> KeyFromDump(const boost::json::value& line);

// {"uid", "primaryKey", "createdAt", "updatedAt"}.
boost::json::object IndexMetadataToDump(const index_mapper::IndexMeta& meta);

// A dump's name as Meilisearch forms it from its start time:
// "20240808-170555123" (UTC, milliseconds).
std::string DumpUid(int64_t unix_ns);

}  // namespace myriad::backup
