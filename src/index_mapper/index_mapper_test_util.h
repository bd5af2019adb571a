// Helpers shared by the index mapper's tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "index_mapper/index_mapper.h"
#include "index_mapper/map_sizing.h"
#include "storage/key_codec.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::index_mapper::testing {

using myriad::testing::TempDir;

// What a fresh, small index costs the budget while open.
inline constexpr uint64_t kSmallEnvCharge = kMinMapBytes + vas::kEnvOverheadBytes;

// A budget of `usable` bytes with generous fd and map-count limits.
inline vas::AddressBudget SmallBudget(uint64_t usable, uint64_t fd_limit = 20000) {
  vas::AddressBudget b;
  b.usable_bytes = usable;
  b.max_map_bytes = usable;
  b.limits.fd_limit = fd_limit;
  b.limits.max_map_count = 65530;
  b.limits.maps_in_use = 100;
  return b;
}

inline std::unique_ptr<IndexMapper> OpenMapper(
    const std::string& root, const vas::AddressBudget& budget,
    std::chrono::milliseconds pinned_wait = std::chrono::milliseconds(200)) {
  IndexMapperOptions options;
  options.root = root;
  options.budget = budget;
  options.pinned_wait = pinned_wait;
  options.no_sync = true;
  auto mapper = IndexMapper::Open(options);
  EXPECT_TRUE(mapper.ok()) << mapper.status().ToString();
  return mapper.ok() ? std::move(mapper).value() : nullptr;
}

// Writes `count` values of `value_bytes` under keys first..first+count-1 in "docs".
inline Status WriteValues(IndexMapper& mapper, const IndexHandle& handle, uint32_t first,
                          uint32_t count, size_t value_bytes, bool ensure_room = true) {
  if (ensure_room) {
    MYRIAD_RETURN_IF_ERROR(mapper.EnsureRoom(handle, uint64_t{count} * (value_bytes + 64)));
  }
  MYRIAD_ASSIGN_OR_RETURN(storage::Database db, handle.OpenDatabase("docs", true));
  MYRIAD_ASSIGN_OR_RETURN(IndexWriteTxn txn, handle.BeginWrite());
  const std::string value(value_bytes, static_cast<char>('a' + first % 26));
  for (uint32_t i = first; i < first + count; ++i) {
    MYRIAD_RETURN_IF_ERROR(txn->Put(db, storage::EncodeU32BE(i), value));
  }
  return std::move(txn).Commit();
}

// The size of the value under `key`, or an error (kNotFound when absent).
inline Result<size_t> ReadValueSize(const IndexHandle& handle, uint32_t key) {
  MYRIAD_ASSIGN_OR_RETURN(storage::Database db, handle.OpenDatabase("docs", false));
  MYRIAD_ASSIGN_OR_RETURN(IndexReadTxn txn, handle.BeginRead());
  MYRIAD_ASSIGN_OR_RETURN(auto value, txn->Get(db, storage::EncodeU32BE(key)));
  if (!value) return Status::NotFound("key " + std::to_string(key));
  return value->size();
}

inline size_t CountIndexDirs(const std::string& root) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(root + "/indexes")) ++n;
  return n;
}

}  // namespace myriad::index_mapper::testing
