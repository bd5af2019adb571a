#include "http/error_table.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>
#include <string>

#include "types/environment_error.h"

namespace myriad::http {
namespace {

TEST(ErrorTable, ErrorJsonHasMeilisearchShape) {
  boost::json::object o = ErrorJson("index_not_found", "Index `movies` not found.");
  EXPECT_EQ(o["message"], "Index `movies` not found.");
  EXPECT_EQ(o["code"], "index_not_found");
  EXPECT_EQ(o["type"], "invalid_request");
  EXPECT_EQ(o["link"], "https://docs.meilisearch.com/errors#index_not_found");
  EXPECT_EQ(o.size(), 4u);
}

TEST(ErrorTable, StatusesAndTypesOfTheContract) {
  struct Want {
    const char* code;
    int status;
    const char* type;
  };
  for (const Want& w :
       {Want{"index_not_found", 404, "invalid_request"},
        Want{"index_already_exists", 409, "invalid_request"},
        Want{"invalid_index_uid", 400, "invalid_request"},
        Want{"payload_too_large", 413, "invalid_request"},
        Want{"missing_content_type", 415, "invalid_request"},
        Want{"invalid_content_type", 415, "invalid_request"},
        Want{"document_not_found", 404, "invalid_request"},
        Want{"missing_authorization_header", 401, "auth"}, Want{"invalid_api_key", 403, "auth"},
        Want{"missing_master_key", 401, "auth"},
        Want{"api_key_already_exists", 409, "invalid_request"},
        Want{"immutable_api_key_created_at", 400, "invalid_request"},
        Want{"task_not_found", 404, "invalid_request"}, Want{"bad_request", 400, "invalid_request"},
        Want{"internal", 500, "internal"}, Want{"address_space_exhausted", 503, "system"},
        Want{"too_many_tasks", 503, "system"}, Want{"no_space_left_on_device", 422, "system"}}) {
    const ErrorInfo* info = FindError(w.code);
    ASSERT_NE(info, nullptr) << w.code;
    EXPECT_EQ(info->http_status, w.status) << w.code;
    EXPECT_EQ(ErrorTypeName(info->type), w.type) << w.code;
  }
  EXPECT_EQ(FindError("no_such_code"), nullptr);
}

TEST(ErrorTable, CodesAreUnique) {
  std::set<std::string_view> seen;
  for (const ErrorInfo& e : AllErrors()) EXPECT_TRUE(seen.insert(e.code).second) << e.code;
  EXPECT_GT(seen.size(), 80u);
}

TEST(ErrorTable, ErrorResponseCarriesTheTableStatus) {
  Response r = ErrorResponse("payload_too_large", "too big");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.content_type, "application/json");
  boost::json::value v = boost::json::parse(r.body);
  EXPECT_EQ(v.at("code"), "payload_too_large");
  EXPECT_EQ(v.at("message"), "too big");
}

// GET /tasks?reverse=maybe and ?batchUids=x answer these; missing from the
// table, ErrorJson's assert aborted the server.
TEST(ErrorTable, TaskFilterCodesAreRequestErrors) {
  for (const char* code : {"invalid_task_reverse", "invalid_task_batch_uids"}) {
    EXPECT_NE(FindError(code), nullptr) << code;
    EXPECT_EQ(ErrorResponse(code, "x").status, 400) << code;
  }
}

TEST(ErrorTable, StatusResponseSeparatesCallerAndEnvironmentErrors) {
  EXPECT_EQ(StatusResponse(Status::NotFound("x"), "index_not_found").status, 404);
  EXPECT_EQ(StatusResponse(Status::InvalidArgument("x"), "invalid_index_uid").status, 400);
  Response exhausted = StatusResponse(Status::AddressSpaceExhausted("full"), "index_not_found");
  EXPECT_EQ(exhausted.status, 503);
  EXPECT_EQ(boost::json::parse(exhausted.body).at("type"), "system");
  Response io = StatusResponse(Status::IoError("disk"), "index_not_found");
  EXPECT_EQ(io.status, 500);
  EXPECT_EQ(boost::json::parse(io.body).at("code"), "internal");
  Response full = StatusResponse(Status::NoSpace("write update file: No space left on device"),
                                 "index_not_found");
  EXPECT_EQ(full.status, 422);
  boost::json::value body = boost::json::parse(full.body);
  EXPECT_EQ(body.at("code"), "no_space_left_on_device");
  EXPECT_EQ(body.at("type"), "system");
  EXPECT_EQ(body.at("message"),
            "There is no more space left on the device. Consider increasing the size of the "
            "disk/partition. (write update file: No space left on device)");
}

// A failed task and an HTTP error show an environment failure alike: the code
// types/ picks is in the table with the type types/ gives it.
TEST(ErrorTable, EnvironmentErrorsReadAsInFailedTasks) {
  for (const Status& st : {Status::IoError("x"), Status::Corruption("x"), Status::MapFull("x"),
                           Status::AddressSpaceExhausted("x"), Status::ResourceExhausted("x"),
                           Status::NoSpace("x"), Status::Busy("x"), Status::Internal("x")}) {
    const types::EnvironmentError e = types::DescribeEnvironmentError(st);
    const ErrorInfo* info = FindError(e.code);
    ASSERT_NE(info, nullptr) << e.code;
    EXPECT_EQ(ErrorTypeName(info->type), e.type) << e.code;
    const Response r = StatusResponse(st, "index_not_found");
    EXPECT_EQ(r.status, info->http_status) << st.ToString();
    const boost::json::value body = boost::json::parse(r.body);
    EXPECT_EQ(body.at("code").as_string(), e.code) << st.ToString();
    EXPECT_EQ(body.at("message").as_string(), e.message) << st.ToString();
  }
  // Our own limits (LMDB readers, open files, ids) are not a full disk.
  Response limit = StatusResponse(Status::ResourceExhausted("task uids are exhausted"), "x");
  EXPECT_EQ(limit.status, 500);
  EXPECT_EQ(boost::json::parse(limit.body).at("code"), "internal");
}

}  // namespace
}  // namespace myriad::http
