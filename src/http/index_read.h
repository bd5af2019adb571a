// Running a read of one index: the index looked up, its env pinned, a read
// transaction open, with Meilisearch's errors when the index is missing.
//
// Thread safety: as IndexMapper; the read runs on the calling thread.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "engine/index.h"
#include "http/error_table.h"
#include "http/index_lookup.h"
#include "http/request.h"
#include "index_mapper/index_mapper.h"

namespace myriad::http {

// Returns what `read(const engine::Index&, const storage::ReadTxn&,
// std::string_view uuid)` returns: a Response, or any type a Response converts
// to (the error responses). The uuid names the index's env for its whole life
// (a key for caches across requests).
template <typename Fn>
auto ReadIndexWithUuid(index_mapper::IndexMapper& mapper, std::string_view uid, Fn&& read)
    -> std::invoke_result_t<Fn, const engine::Index&, const storage::ReadTxn&, std::string_view> {
  Result<index_mapper::IndexMeta> meta = FindIndex(mapper, uid);
  if (!meta.ok()) return FindIndexError(meta.status());
  auto handle = mapper.Acquire(std::string(uid));
  if (!handle.ok()) return FindIndexError(handle.status());
  if (Status st = handle->CreateDatabases(engine::Index::DatabaseNames()); !st.ok()) {
    return StatusResponse(st, "internal");
  }
  auto index = engine::Index::Open(
      [&](const std::string& name, bool create) { return handle->OpenDatabase(name, create); });
  if (!index.ok()) return StatusResponse(index.status(), "internal");
  auto txn = handle->BeginRead();
  if (!txn.ok()) return StatusResponse(txn.status(), "internal");
  return read(*index, txn->txn(), std::string_view(handle->uuid()));
}

// The same for a `read(const engine::Index&, const storage::ReadTxn&)`.
template <typename Fn>
auto ReadIndex(index_mapper::IndexMapper& mapper, std::string_view uid, Fn&& read) {
  return ReadIndexWithUuid(
      mapper, uid, [&](const engine::Index& index, const storage::ReadTxn& txn, std::string_view) {
        return read(index, txn);
      });
}

}  // namespace myriad::http
