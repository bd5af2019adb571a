// The router's guard: authentication and authorization of every route before
// its handler runs (before index existence, before the body is read as JSON),
// with Meilisearch's errors:
//   no Authorization header, or a scheme other than Bearer
//                     -> 401 missing_authorization_header
//   a bearer that grants nothing here -> 403 invalid_api_key
//   /keys on a server without master key -> 401 missing_master_key
// The action a route needs comes from route_actions.h; a route missing from
// that table is refused (500), never opened.
//
// Thread safety: the guard may run on many threads at once.
// Ownership: the guard borrows `authorizer`, which must outlive the Router's use.
#pragma once

#include "auth/authorizer.h"
#include "http/router.h"

namespace myriad::http {

Guard MakeAuthGuard(const auth::Authorizer& authorizer);

}  // namespace myriad::http
