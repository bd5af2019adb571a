// Test helpers: an engine::Index over a real LMDB env in a temporary directory,
// with one-call writes (each in its own committed txn, as the scheduler does)
// and searches.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/documents/document_payload.h"
#include "engine/engine_test_util.h"
#include "engine/index.h"
#include "engine/schema/parse_settings.h"
#include "storage/env.h"
#include "storage/storage_test_util.h"
#include "util/byte_size.h"

namespace myriad::engine::testing {

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::EnvOptions options;
    options.map_size = 256 * kMiB;
    options.no_sync = true;
    auto env = storage::Env::Open(dir_.Sub("index"), options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    // Created as the server does, together; opened without creating, so a
    // database missing from DatabaseNames() fails every test here.
    ASSERT_TRUE(env_->CreateDatabases(Index::DatabaseNames()).ok());
    auto index =
        Index::Open([&](const std::string& name, bool) { return env_->OpenDatabase(name, false); });
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::make_unique<Index>(std::move(index).value());
  }

  // Runs `write(txn)` in a write txn, committed when it succeeds.
  template <typename Fn>
  void Write(Fn&& write) {
    auto txn = storage::WriteTxn::Begin(*env_);
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Status result = [&]() -> Status {
      auto r = write(*txn);
      if constexpr (std::is_same_v<decltype(r), Status>) {
        return r;
      } else {
        return r.ok() ? Status::Ok() : Status(r.status());
      }
    }();
    ASSERT_TRUE(result.ok()) << result.message();
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }

  void Add(std::string_view json, bool replace = true) {
    Write([&](storage::WriteTxn& txn) {
      return index_->AddDocuments(txn, Docs(json), std::nullopt, {.replace = replace});
    });
  }
  void Add(std::vector<boost::json::object> docs) {
    Write([&](storage::WriteTxn& txn) {
      return index_->AddDocuments(txn, std::move(docs), std::nullopt, {.replace = true});
    });
  }
  // Adds the 1,990-document Debian sample (MYRIAD_DATASETS_DIR, which the
  // engine tests define).
  void AddDebianSample() {
#ifdef MYRIAD_DATASETS_DIR
    std::ifstream in(std::string(MYRIAD_DATASETS_DIR) + "/debian-packages-2k.json");
    ASSERT_TRUE(in) << "dataset not found under " << MYRIAD_DATASETS_DIR;
    std::stringstream body;
    body << in.rdbuf();
    auto docs = ParseDocuments(body.str(), PayloadFormat::kJson);
    ASSERT_TRUE(docs.ok());
    Add(std::move(docs).value());
#else
    FAIL() << "MYRIAD_DATASETS_DIR is not defined for this test";
#endif
  }
  void Delete(const std::vector<std::string>& ids) {
    Write([&](storage::WriteTxn& txn) { return index_->DeleteDocuments(txn, ids); });
  }
  // PATCH /settings with `json`.
  void Settings(std::string_view json) {
    auto patch = settings::ParseSettingsPatch(boost::json::parse(json));
    ASSERT_TRUE(std::holds_alternative<settings::SettingsPatch>(patch)) << json;
    Write([&](storage::WriteTxn& txn) -> Status {
      return index_->UpdateSettings(txn, std::get<settings::SettingsPatch>(patch));
    });
  }

  // The response text.
  Result<std::string> SearchText(const SearchRequest& request) {
    auto txn = storage::ReadTxn::Begin(*env_);
    if (!txn.ok()) return txn.status();
    if (word_lists_ == nullptr) return index_->Search(*txn, "test", request);
    return index_->Search(*txn, "test", request, WordListSource{*word_lists_, "test"});
  }
  // The response, parsed.
  Result<boost::json::object> Search(const SearchRequest& request) {
    MYRIAD_ASSIGN_OR_RETURN(std::string text, SearchText(request));
    return boost::json::parse(text).as_object();
  }
  Result<boost::json::object> Search(std::string q) {
    SearchRequest request;
    request.q = std::move(q);
    return Search(request);
  }

  // The hits' values of `field` (as JSON text for non-strings), in order.
  std::vector<std::string> Hits(const SearchRequest& request, const std::string& field = "id") {
    auto result = Search(request);
    EXPECT_TRUE(result.ok()) << result.status().message();
    std::vector<std::string> out;
    if (!result.ok()) return out;
    for (const auto& hit : result->at("hits").as_array()) {
      const boost::json::value* v = hit.as_object().if_contains(field);
      out.push_back(v == nullptr     ? "<none>"
                    : v->is_string() ? std::string(v->as_string())
                                     : boost::json::serialize(*v));
    }
    return out;
  }
  std::vector<std::string> Hits(std::string q, const std::string& field = "id") {
    SearchRequest request;
    request.q = std::move(q);
    return Hits(request, field);
  }

  myriad::testing::TempDir dir_;
  std::unique_ptr<storage::Env> env_;
  // When set, searches take the index's word list from it.
  WordListCache* word_lists_ = nullptr;
  std::unique_ptr<Index> index_;
};

}  // namespace myriad::engine::testing
