// A facet index in a temporary LMDB env, fed with flat JSON documents, for the
// facet tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <roaring/roaring.hh>
#include <string>
#include <vector>

#include "engine/indexing/facet/facet_dbs.h"
#include "engine/indexing/facet/facet_writer.h"
#include "engine/search/facet/filter_evaluator.h"
#include "engine/search/filter/filter_parser.h"
#include "storage/env.h"
#include "storage/storage_test_util.h"
#include "storage/txn.h"

namespace myriad::facet::testing {

inline std::vector<uint32_t> Ids(const Roaring& r) {
  std::vector<uint32_t> out;
  for (uint32_t id : r) out.push_back(id);
  return out;
}

class FacetIndex {
 public:
  FacetIndex() {
    storage::EnvOptions options;
    options.map_size = 64 << 20;
    options.no_sync = true;
    auto env = storage::Env::Open(dir_.Sub("env"), options);
    EXPECT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    auto dbs = FacetDbs::Open(
        [this](const std::string& name, bool create) { return env_->OpenDatabase(name, create); });
    EXPECT_TRUE(dbs.ok()) << dbs.status().ToString();
    dbs_ = *dbs;
  }

  // Field ids are assigned by first use of a name.
  uint16_t Fid(const std::string& name) {
    auto [it, inserted] = fids_.try_emplace(name, static_cast<uint16_t>(fids_.size()));
    return it->second;
  }
  std::optional<uint16_t> FindFid(std::string_view name) const {
    auto it = fids_.find(std::string(name));
    if (it == fids_.end()) return std::nullopt;
    return it->second;
  }

  // Top-level fields only: a non-empty array is an inner node plus one leaf
  // per element.
  void Feed(FacetWriter& w, uint32_t id, const boost::json::object& doc, bool add) {
    for (const auto& field : doc) {
      const uint16_t fid = Fid(std::string(field.key()));
      const auto apply = [&](const boost::json::value& v, bool element) {
        add ? w.Add(id, fid, v, element) : w.Remove(id, fid, v, element);
      };
      apply(field.value(), false);
      if (field.value().is_array()) {
        for (const auto& e : field.value().get_array()) apply(e, true);
      }
    }
  }

  // Replaces (or adds, or deletes when `json` is empty) documents in one txn.
  void Put(const std::map<uint32_t, std::string>& docs) {
    auto txn = storage::WriteTxn::Begin(*env_);
    ASSERT_TRUE(txn.ok());
    FacetWriter w(dbs_);
    for (const auto& [id, json] : docs) {
      auto old = docs_.find(id);
      if (old != docs_.end()) Feed(w, id, old->second, /*add=*/false);
      if (json.empty()) {
        docs_.erase(id);
        all_.remove(id);
        continue;
      }
      boost::json::object doc = boost::json::parse(json).as_object();
      Feed(w, id, doc, /*add=*/true);
      docs_[id] = std::move(doc);
      all_.add(id);
    }
    Status st = w.Flush(*txn);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_TRUE(std::move(*txn).Commit().ok());
  }

  storage::ReadTxn Read() { return std::move(storage::ReadTxn::Begin(*env_)).value(); }

  // The ids a filter matches, or "error: <message>".
  std::string Filter(std::string_view text, const FilterScope& scope = {}) {
    auto parsed = filter::ParseFilter(text);
    if (auto* e = std::get_if<filter::FilterError>(&parsed)) return "parse error: " + e->message;
    const auto& expr = std::get<filter::ParsedFilter>(parsed);
    if (!expr) return "no filter";
    auto txn = Read();
    FilterOutcome out = EvaluateFilter(
        *expr, txn, dbs_, [this](std::string_view p) { return FindFid(p); }, all_, scope);
    if (auto* e = std::get_if<filter::FilterError>(&out)) return "error: " + e->message;
    if (auto* s = std::get_if<Status>(&out)) return "status: " + s->ToString();
    std::string ids;
    for (uint32_t id : std::get<Roaring>(out)) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(id);
    }
    return "[" + ids + "]";
  }

  uint64_t Entries(storage::Database db) {
    auto txn = Read();
    return *txn.EntryCount(db);
  }

  const FacetDbs& dbs() const { return dbs_; }
  storage::Env& env() { return *env_; }
  const Roaring& all() const { return all_; }
  const std::map<uint32_t, boost::json::object>& docs() const { return docs_; }

 private:
  myriad::testing::TempDir dir_;
  std::unique_ptr<storage::Env> env_;
  FacetDbs dbs_;
  std::map<std::string, uint16_t, std::less<>> fids_;
  std::map<uint32_t, boost::json::object> docs_;
  Roaring all_;
};

}  // namespace myriad::facet::testing
