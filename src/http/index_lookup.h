// Finding the index a route names, with Meilisearch's errors.
//
// Thread safety: as IndexMapper.
#pragma once

#include <optional>
#include <string_view>

#include "http/request.h"
#include "index_mapper/index_mapper.h"

namespace myriad::http {

// The 400 invalid_index_uid response when `uid` is not a valid index uid.
std::optional<Response> CheckIndexUid(std::string_view uid);

// The registry's record of `uid`: kInvalidArgument (message: the whole 400 body)
// for a malformed uid, kNotFound with Meilisearch's message when absent.
Result<index_mapper::IndexMeta> FindIndex(const index_mapper::IndexMapper& mapper,
                                          std::string_view uid);

// The response for a FindIndex error.
Response FindIndexError(const Status& st);

}  // namespace myriad::http
