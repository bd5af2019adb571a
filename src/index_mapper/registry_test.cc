#include "index_mapper/registry.h"

#include <gtest/gtest.h>

#include "index_mapper/index_meta.h"
#include "storage/storage_test_util.h"

namespace myriad::index_mapper {
namespace {

using myriad::testing::TempDir;

IndexMeta Meta(const std::string& uid) {
  IndexMeta m;
  m.uid = uid;
  m.uuid = NewUuid();
  m.primary_key = "id";
  m.created_at_ns = 1;
  m.updated_at_ns = 2;
  return m;
}

TEST(Registry, CreateGetListRenameDeleteSurviveReopen) {
  TempDir dir;
  IndexMeta movies = Meta("movies");
  {
    auto reg = Registry::Open(dir.Sub("registry"), true);
    ASSERT_TRUE(reg.ok());
    ASSERT_TRUE((*reg)->Create(movies).ok());
    ASSERT_TRUE((*reg)->Create(Meta("books")).ok());
    ASSERT_TRUE((*reg)->Create(Meta("zines")).ok());
    EXPECT_EQ((*reg)->Create(Meta("books")).code(), StatusCode::kAlreadyExists);
    ASSERT_TRUE((*reg)->Rename("zines", "art", 5).ok());
    EXPECT_EQ((*reg)->Rename("zines", "x", 5).code(), StatusCode::kNotFound);
    EXPECT_EQ((*reg)->Rename("art", "books", 5).code(), StatusCode::kAlreadyExists);
    ASSERT_TRUE((*reg)->Delete("books").ok());
    EXPECT_EQ((*reg)->Delete("books").code(), StatusCode::kNotFound);
  }
  auto reg = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(reg.ok());
  auto got = (*reg)->Get("movies");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, movies);
  auto list = (*reg)->List(0, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].uid, "art");
  EXPECT_EQ((*list)[0].updated_at_ns, 5);
  EXPECT_EQ((*list)[1].uid, "movies");
  EXPECT_EQ((*reg)->List(1, 10)->size(), 1u);
  EXPECT_EQ((*reg)->List(0, 1)->size(), 1u);
  EXPECT_EQ(*(*reg)->Count(), 2u);
}

TEST(Registry, GrowsItsOwnMapInsteadOfRefusing) {
  TempDir dir;
  auto reg = Registry::Open(dir.Sub("registry"), true);
  ASSERT_TRUE(reg.ok());
  // ~100 MiB of primary keys: more than the initial 64 MiB map.
  IndexMeta meta = Meta("big");
  meta.primary_key = std::string(1 << 20, 'k');
  for (int i = 0; i < 100; ++i) {
    meta.uid = "big" + std::to_string(i);
    ASSERT_TRUE((*reg)->Create(meta).ok()) << i;
  }
  EXPECT_EQ(*(*reg)->Count(), 100u);
  EXPECT_EQ((*reg)->Get("big99")->primary_key->size(), size_t{1} << 20);
}

TEST(IndexMeta, CodecRoundTripsAndRejectsGarbage) {
  IndexMeta m = Meta("a");
  m.primary_key.reset();
  m.document_count = 12345;
  m.field_distribution = {{"id", 12345}, {"title", 7}};
  m.used_bytes = 1 << 30;
  auto back = DecodeIndexMeta("a", EncodeIndexMeta(m));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, m);
  std::string bytes = EncodeIndexMeta(m);
  EXPECT_EQ(DecodeIndexMeta("a", bytes.substr(0, bytes.size() - 1)).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(DecodeIndexMeta("a", "").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodeIndexMeta("a", bytes + "x").status().code(), StatusCode::kCorruption);
  // A field count beyond the fields written: the low byte of the u32 count,
  // before "id" and "title" (each a u32 length, the name, a u64 count).
  std::string more_fields = bytes;
  more_fields[bytes.size() - (4 + 2 + 8) - (4 + 5 + 8) - 1] = 3;
  EXPECT_EQ(DecodeIndexMeta("a", more_fields).status().code(), StatusCode::kCorruption);
}

TEST(IndexMeta, AViewReadsTheRecordInPlace) {
  IndexMeta m = Meta("a");
  m.field_distribution = {{"id", 3}, {"title", 2}};
  const std::string bytes = EncodeIndexMeta(m);
  auto view = IndexMetaView::Parse("a", bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->uuid, m.uuid);
  EXPECT_GE(view->uuid.data(), bytes.data());
  EXPECT_LT(view->uuid.data(), bytes.data() + bytes.size());
  std::vector<std::pair<std::string, uint64_t>> fields;
  view->ForEachField([&](std::string_view f, uint64_t n) { fields.emplace_back(f, n); });
  EXPECT_EQ(fields, (std::vector<std::pair<std::string, uint64_t>>{{"id", 3}, {"title", 2}}));
  EXPECT_EQ(view->ToMeta(), m);
}

TEST(IndexMeta, UidAndUuidValidation) {
  EXPECT_TRUE(IsValidIndexUid("movies_2-b"));
  EXPECT_TRUE(IsValidIndexUid(std::string(400, 'a')));
  for (const std::string& bad : {std::string(), std::string(401, 'a'), std::string("../etc"),
                                 std::string("a b"), std::string("é"), std::string("a/b")}) {
    EXPECT_FALSE(IsValidIndexUid(bad)) << bad;
  }
  const std::string u = NewUuid();
  EXPECT_TRUE(IsValidUuid(u)) << u;
  EXPECT_NE(u, NewUuid());
  EXPECT_EQ(u[14], '4');
  EXPECT_FALSE(IsValidUuid("../../../../etc/passwd-0000000000000"));
}

}  // namespace
}  // namespace myriad::index_mapper
