// The routes of search and of index settings.
//
// Thread safety: call before the server starts. The handlers are thread-safe.
// Ownership: the handlers borrow the mapper and the scheduler, which must
// outlive the Router's use.
#pragma once

#include "http/router.h"
#include "index_mapper/index_mapper.h"
#include "scheduler/scheduler.h"

namespace myriad::http {

// POST and GET /indexes/{uid}/search, POST /multi-search (not federated).
void AddSearchRoutes(Router& router, index_mapper::IndexMapper& mapper);

// POST /indexes/{uid}/facet-search (engine/facet_search.h).
void AddFacetSearchRoutes(Router& router, index_mapper::IndexMapper& mapper);

// GET, PATCH and DELETE /indexes/{uid}/settings and each of its 20 sub-routes
// (GET, DELETE, and PUT or PATCH as Meilisearch declares them).
void AddSettingsRoutes(Router& router, index_mapper::IndexMapper& mapper,
                       scheduler::Scheduler& scheduler);

}  // namespace myriad::http
