// The 1,990-document Debian sample through parsing and the store.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/documents/document_payload.h"
#include "engine/engine_test_util.h"

namespace myriad::engine {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class DebianDatasetTest : public testing::StoreTest {};

TEST_F(DebianDatasetTest, AddsAllPackages) {
  const std::string body = ReadFile(std::string(MYRIAD_DATASETS_DIR) + "/debian-packages-2k.json");
  ASSERT_FALSE(body.empty()) << "dataset not found under " << MYRIAD_DATASETS_DIR;
  auto docs = ParseDocuments(body, PayloadFormat::kJson);
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1990u);
  const boost::json::object first = docs->front();
  const boost::json::object last = docs->back();

  auto outcome = Add(std::move(docs).value());
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->primary_key, "id");
  EXPECT_EQ(Count(), 1990u);
  EXPECT_EQ(Get("0"), first);
  EXPECT_EQ(first.at("package").as_string(), "0ad");
  EXPECT_EQ(Get(std::to_string(last.at("id").as_int64())), last);
  FieldCounts counts = Distribution();
  EXPECT_EQ(counts["id"], 1990u);
  EXPECT_EQ(counts["package"], 1990u);
}

}  // namespace
}  // namespace myriad::engine
