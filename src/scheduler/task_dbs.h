// The task store's LMDB databases and key encodings: the one place that knows them.
//
// Thread safety: constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scheduler/task.h"
#include "storage/key_codec.h"

namespace myriad::scheduler::task_dbs {

// uid (u32 BE) -> EncodeTaskRecord(task).
inline constexpr const char* kTasks = "tasks";
// StatusKey(status, uid) -> "": the uids of each status, in uid order.
inline constexpr const char* kStatus = "status";
// KindKey(kind, uid) -> "".
inline constexpr const char* kKind = "kind";
// IndexKey(index_uid, uid) -> "": tasks with an index uid, per index.
inline constexpr const char* kIndexTasks = "index-tasks";
// kNextUidKey -> u32 BE, the uid the next enqueued task gets.
inline constexpr const char* kMeta = "meta";
inline constexpr std::string_view kNextUidKey = "next_uid";
inline constexpr unsigned kDatabaseCount = 5;

inline std::string UidKey(uint32_t uid) { return storage::EncodeU32BE(uid); }

// One byte (the enum value), then the uid.
inline std::string StatusKey(TaskStatus status, uint32_t uid) {
  std::string k(1, static_cast<char>(status));
  storage::AppendU32BE(k, uid);
  return k;
}
inline std::string KindKey(TaskKind kind, uint32_t uid) {
  std::string k(1, static_cast<char>(kind));
  storage::AppendU32BE(k, uid);
  return k;
}

// The index uid, a NUL (index uids never hold one, so no uid's keys are a prefix
// of another's), then the uid.
inline std::string IndexKeyPrefix(std::string_view index_uid) {
  std::string k(index_uid);
  k.push_back('\0');
  return k;
}
inline std::string IndexKey(std::string_view index_uid, uint32_t uid) {
  std::string k = IndexKeyPrefix(index_uid);
  storage::AppendU32BE(k, uid);
  return k;
}

// The uid at the end of any secondary key, or nullopt when the key is too short.
inline std::optional<uint32_t> TrailingUid(std::string_view key) {
  if (key.size() < 4) return std::nullopt;
  key.remove_prefix(key.size() - 4);
  return storage::ConsumeU32BE(key);
}

}  // namespace myriad::scheduler::task_dbs
