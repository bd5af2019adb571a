// Test helpers: a DocumentStore over a real LMDB env in a temporary directory,
// and documents written as JSON literals.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/documents/document_store.h"
#include "storage/env.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"
#include "util/byte_size.h"

namespace myriad::engine::testing {

// REQUIRES: `json` is an object literal whose numbers need no exact double parsing.
inline boost::json::object Obj(std::string_view json) {
  return boost::json::parse(json).as_object();
}

// REQUIRES: `json` is an array of object literals.
inline std::vector<boost::json::object> Docs(std::string_view json) {
  boost::json::value array = boost::json::parse(json);
  std::vector<boost::json::object> out;
  for (auto& v : array.as_array()) out.push_back(v.as_object());
  return out;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::EnvOptions options;
    options.map_size = 64 * kMiB;
    options.no_sync = true;
    auto env = storage::Env::Open(dir_.Sub("index"), options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    auto store = DocumentStore::Open(
        [&](const std::string& name, bool create) { return env_->OpenDatabase(name, create); });
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::make_unique<DocumentStore>(std::move(store).value());
  }

  // Adds `docs` in a write txn of its own, committed when the call succeeds and
  // aborted otherwise, as the scheduler does.
  Result<AddDocumentsOutcome> Add(std::vector<boost::json::object> docs, bool replace = true,
                                  std::optional<std::string> primary_key = std::nullopt) {
    auto txn = storage::WriteTxn::Begin(*env_);
    if (!txn.ok()) return txn.status();
    auto outcome =
        store_->AddDocuments(*txn, std::move(docs), std::move(primary_key), {.replace = replace});
    if (outcome.ok()) {
      Status st = std::move(*txn).Commit();
      if (!st.ok()) return st;
    } else {
      std::move(*txn).Abort();
    }
    return outcome;
  }

  // Runs `f(ReadTxn&)` in a read txn.
  template <typename F>
  auto Read(F f) {
    auto txn = storage::ReadTxn::Begin(*env_);
    EXPECT_TRUE(txn.ok()) << txn.status().ToString();
    return f(*txn);
  }

  uint64_t Count() {
    return Read([&](const storage::Txn& txn) {
      auto n = store_->Count(txn);
      EXPECT_TRUE(n.ok()) << n.status().ToString();
      return n.ok() ? *n : ~uint64_t{0};
    });
  }

  std::optional<boost::json::object> Get(std::string_view id) {
    return Read([&](const storage::Txn& txn) {
      auto doc = store_->Get(txn, id);
      EXPECT_TRUE(doc.ok()) << doc.status().ToString();
      return doc.ok() ? *doc : std::nullopt;
    });
  }

  FieldCounts Distribution() {
    return Read([&](const storage::Txn& txn) {
      auto counts = store_->FieldDistribution(txn);
      EXPECT_TRUE(counts.ok()) << counts.status().ToString();
      return counts.ok() ? *counts : FieldCounts();
    });
  }

  myriad::testing::TempDir dir_;
  std::unique_ptr<storage::Env> env_;
  std::unique_ptr<DocumentStore> store_;
};

}  // namespace myriad::engine::testing
