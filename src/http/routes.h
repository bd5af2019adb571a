// The Meilisearch routes the server answers so far. Each Add* function
// registers one family of routes on a Router.
//
// Thread safety: call before the server starts. The handlers are thread-safe.
// Ownership: the handlers borrow `mapper`, which must outlive the Router's use.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "auth/authorizer.h"
#include "http/router.h"
#include "index_mapper/index_mapper.h"

namespace myriad::http {

// GET /health and GET /version.
void AddHealthRoutes(Router& router);

// The uid of the index a task is being applied to right now, if any (the
// scheduler's ProcessingIndex), for the stats' `isIndexing`. Thread-safe.
using IndexingProbe = std::function<std::optional<std::string>()>;

// GET /indexes, GET /indexes/{uid}, GET /indexes/{uid}/stats and GET /stats,
// read from the registry only (no index env is opened).
void AddIndexReadRoutes(
    Router& router, index_mapper::IndexMapper& mapper,
    IndexingProbe indexing = [] { return std::nullopt; });

// GET and POST /keys, GET, PATCH and DELETE /keys/{key} (by uid or value).
// Borrows `authorizer`, which must outlive the Router's use.
void AddKeyRoutes(Router& router, auth::Authorizer& authorizer);

}  // namespace myriad::http
