#include "engine/indexing/keyed_doc_log.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <utility>

namespace myriad::engine {
namespace {

// Keys of the shapes the writer logs: a word id and a u16, a pair of word ids
// (zero bits between them), small counts; and keys using all 64 bits.
uint64_t RandomKey(std::mt19937_64& rng, int shape) {
  switch (shape) {
    case 0:
      return ((rng() % 5000) << 16) | (rng() % 40);
    case 1:
      return ((rng() % 3000) << 32) | (rng() % 3000);
    case 2:
      return rng() % 7;
    default:
      return rng();
  }
}

TEST(KeyedDocLogTest, SortGroupsKeysInOrderAndKeepsEachKeysDocumentsInOrder) {
  std::mt19937_64 rng(7);
  std::vector<KeyedDocLog::Entry> scratch;
  for (int shape = 0; shape < 4; ++shape) {
    for (size_t n : {0, 1, 2, 1000, 50000}) {
      KeyedDocLog log;
      std::vector<std::pair<uint64_t, uint32_t>> expected;
      for (size_t i = 0; i < n; ++i) {
        const uint64_t key = RandomKey(rng, shape);
        log.Add(key, static_cast<uint32_t>(i));
        expected.emplace_back(key, static_cast<uint32_t>(i));
      }
      // Stable: the order the documents were added in, within a key.
      std::stable_sort(expected.begin(), expected.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      log.Sort(scratch);
      ASSERT_EQ(log.size(), n);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(log.entries()[i].key(), expected[i].first) << "shape " << shape << " at " << i;
        ASSERT_EQ(log.entries()[i].doc, expected[i].second) << "shape " << shape << " at " << i;
      }
    }
  }
}

TEST(KeyedDocLogTest, DrainVisitsEveryKeyOfEitherLogOnceInOrder) {
  std::mt19937_64 rng(11);
  std::map<uint64_t, std::pair<std::vector<uint32_t>, std::vector<uint32_t>>> expected;
  KeyedDocDelta delta;
  for (uint32_t doc = 0; doc < 3000; ++doc) {
    const uint64_t key = RandomKey(rng, 0);
    if (rng() % 3 == 0) {
      delta.removed.Add(key, doc);
      expected[key].second.push_back(doc);
    } else {
      delta.added.Add(key, doc);
      expected[key].first.push_back(doc);
    }
  }
  std::vector<KeyedDocLog::Entry> scratch;
  auto it = expected.begin();
  Status status = delta.Drain(
      scratch, /*keep_memory=*/false,
      [&](uint64_t key, std::span<const uint32_t> added, std::span<const uint32_t> removed) {
        EXPECT_NE(it, expected.end());
        EXPECT_EQ(key, it->first);
        EXPECT_EQ(std::vector<uint32_t>(added.begin(), added.end()), it->second.first);
        EXPECT_EQ(std::vector<uint32_t>(removed.begin(), removed.end()), it->second.second);
        ++it;
        return Status::Ok();
      });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(it, expected.end());
  EXPECT_EQ(delta.size(), 0u);
  // An error stops the walk and is returned.
  delta.added.Add(1, 1);
  delta.added.Add(2, 2);
  int calls = 0;
  status = delta.Drain(scratch, false, [&](uint64_t, auto, auto) {
    ++calls;
    return Status::Corruption("stop");
  });
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace myriad::engine
