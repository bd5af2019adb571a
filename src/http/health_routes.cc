#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/routes.h"
#include "http/version.h"

namespace myriad::http {

void AddHealthRoutes(Router& router) {
  router.Add("GET", "/health", [](const Request&, const PathParams&) {
    return Response{200, R"({"status":"available"})"};
  });
  router.Add("GET", "/version", [](const Request&, const PathParams&) {
    const VersionInfo v = BuildVersion();
    boost::json::object o;
    o["commitSha"] = v.commit_sha;
    o["commitDate"] = v.commit_date;
    o["pkgVersion"] = v.pkg_version;
    return Response{200, boost::json::serialize(o)};
  });
}

}  // namespace myriad::http
