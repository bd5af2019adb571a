#include "auth/key_store.h"

#include <gtest/gtest.h>

#include "auth/authorizer.h"
#include "storage/storage_test_util.h"

namespace myriad::auth {
namespace {

using myriad::testing::TempDir;

ApiKey Key(std::string uid) {
  ApiKey k;
  k.uid = std::move(uid);
  k.name = "name";
  k.actions = {"search", "documents.*"};
  k.indexes = {"movies", "tenant_*"};
  k.expires_at_ns = 4'000'000'000'000'000'000;
  k.created_at_ns = 1;
  k.updated_at_ns = 2;
  return k;
}

TEST(KeyStoreTest, KeysSurviveReopen) {
  TempDir dir;
  {
    auto store = KeyStore::Open(dir.Sub("auth"), true);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Create(Key("b")).ok());
    ASSERT_TRUE((*store)->Create(Key("a")).ok());
    EXPECT_EQ((*store)->Create(Key("a")).code(), StatusCode::kAlreadyExists);
  }
  auto store = KeyStore::Open(dir.Sub("auth"), true);
  ASSERT_TRUE(store.ok());
  auto keys = (*store)->List();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0], Key("a"));
  ApiKey changed = Key("a");
  changed.description = "d";
  ASSERT_TRUE((*store)->Update(changed).ok());
  EXPECT_EQ((*store)->Update(Key("zz")).code(), StatusCode::kNotFound);
  ASSERT_TRUE((*store)->Delete("b").ok());
  EXPECT_EQ((*store)->Delete("b").code(), StatusCode::kNotFound);
  keys = (*store)->List();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0], changed);
}

TEST(KeyStoreTest, KeyValueIsHmacSha256OfTheUid) {
  // Python: hmac.new(b"MASTER_KEY_0123456789", uid.encode(), hashlib.sha256).hexdigest()
  EXPECT_EQ(KeyValue("76b7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c11", "MASTER_KEY_0123456789"),
            "8f9991d2aa85645a2a4333b1b742c64a350f35842a2cb81042d2a38a41fe7ef5");
}

TEST(KeyStoreTest, UuidForms) {
  EXPECT_EQ(*CanonicalUuid("76B7B9B4-3C3C-4D6A-9E5F-2F0B2A7A7C11"),
            "76b7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c11");
  EXPECT_EQ(*CanonicalUuid("76b7b9b43c3c4d6a9e5f2f0b2a7a7c11"),
            "76b7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c11");
  EXPECT_FALSE(CanonicalUuid("76b7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c1").ok());
  EXPECT_FALSE(CanonicalUuid("zzb7b9b4-3c3c-4d6a-9e5f-2f0b2a7a7c11").ok());
  auto fresh = NewUuid();
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->size(), 36u);
  EXPECT_EQ((*fresh)[14], '4');
  EXPECT_NE(*fresh, *NewUuid());
}

TEST(AuthorizerTest, DefaultKeysOnAFreshStoreOnlyAndValuesFollowTheMasterKey) {
  TempDir dir;
  std::string search_value;
  {
    auto auth = Authorizer::Open(dir.Sub("auth"), "MASTER_KEY_0123456789", true);
    ASSERT_TRUE(auth.ok()) << auth.status().ToString();
    auto keys = (*auth)->ListKeys();
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].name, "Default Search API Key");
    EXPECT_EQ(keys[1].name, "Default Admin API Key");
    search_value = (*auth)->ValueOf(keys[0]);
    auto ok = (*auth)->Authenticate(search_value, Action::kSearch, "movies");
    EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const Access>>(ok));
    auto refused = (*auth)->Authenticate(search_value, Action::kDocumentsAdd, "movies");
    EXPECT_TRUE(std::holds_alternative<AuthFailure>(refused));
  }
  auto same = Authorizer::Open(dir.Sub("auth"), "MASTER_KEY_0123456789", true);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ((*same)->ListKeys().size(), 2u);  // no second pair of default keys
  auto still = (*same)->Authenticate(search_value, Action::kSearch, "movies");
  EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const Access>>(still));
  same->reset();
  auto other_master = Authorizer::Open(dir.Sub("auth"), "ANOTHER_MASTER_KEY_987", true);
  ASSERT_TRUE(other_master.ok());
  auto gone = (*other_master)->Authenticate(search_value, Action::kSearch, "movies");
  EXPECT_TRUE(std::holds_alternative<AuthFailure>(gone));
}

TEST(AuthorizerTest, ScopesExpiryAndDeletion) {
  TempDir dir;
  auto opened = Authorizer::Open(dir.Sub("auth"), "MASTER_KEY_0123456789", true);
  ASSERT_TRUE(opened.ok());
  Authorizer& auth = **opened;
  ApiKey scoped;
  scoped.actions = {"documents.*", "indexes.get"};
  scoped.indexes = {"tenant_a_*"};
  auto created = auth.CreateKey(scoped);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string value = auth.ValueOf(*created);
  auto granted = [&](Action a, std::optional<std::string_view> index) {
    return std::holds_alternative<std::shared_ptr<const Access>>(
        auth.Authenticate(value, a, index));
  };
  EXPECT_TRUE(granted(Action::kDocumentsAdd, "tenant_a_books"));
  EXPECT_FALSE(granted(Action::kDocumentsAdd, "tenant_b_books"));
  EXPECT_FALSE(granted(Action::kSearch, "tenant_a_books"));
  EXPECT_TRUE(granted(Action::kIndexesGet, std::nullopt));  // GET /indexes filters
  auto access = std::get<std::shared_ptr<const Access>>(
      auth.Authenticate(value, Action::kIndexesGet, std::nullopt));
  EXPECT_TRUE(access->CanSeeIndex("tenant_a_x"));
  EXPECT_FALSE(access->CanSeeIndex("tenant_b_x"));
  EXPECT_FALSE(access->SeesEveryIndex());

  EXPECT_TRUE(auth.FindKey(value).ok());
  EXPECT_TRUE(auth.FindKey(created->uid).ok());
  ASSERT_TRUE(auth.DeleteKey(created->uid).ok());
  EXPECT_FALSE(granted(Action::kDocumentsAdd, "tenant_a_books"));
  EXPECT_EQ(auth.DeleteKey(created->uid).code(), StatusCode::kNotFound);

  ApiKey expired;
  expired.actions = {"*"};
  expired.indexes = {"*"};
  expired.expires_at_ns = 1;  // 1970
  auto old = auth.CreateKey(expired);
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(std::holds_alternative<AuthFailure>(
      auth.Authenticate(auth.ValueOf(*old), Action::kSearch, "movies")));

  auto missing = auth.Authenticate(std::nullopt, Action::kSearch, "movies");
  ASSERT_TRUE(std::holds_alternative<AuthFailure>(missing));
  EXPECT_EQ(std::get<AuthFailure>(missing).kind, AuthFailure::Kind::kMissingAuthorization);
  EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const Access>>(
      auth.Authenticate("MASTER_KEY_0123456789", Action::kKeysDelete, std::nullopt)));
}

TEST(AuthorizerTest, WithoutMasterKeyEverythingButKeysIsOpen) {
  TempDir dir;
  auto auth = Authorizer::Open(dir.Sub("auth"), "", true);
  ASSERT_TRUE(auth.ok());
  EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const Access>>(
      (*auth)->Authenticate(std::nullopt, Action::kDocumentsAdd, "x")));
  auto keys = (*auth)->Authenticate("anything", Action::kKeysGet, std::nullopt);
  ASSERT_TRUE(std::holds_alternative<AuthFailure>(keys));
  EXPECT_EQ(std::get<AuthFailure>(keys).kind, AuthFailure::Kind::kMissingMasterKey);
}

}  // namespace
}  // namespace myriad::auth
