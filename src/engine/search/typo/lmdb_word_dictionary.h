// LmdbWordDictionary: a WordDictionary over the keys of an LMDB database (its
// values are ignored), e.g. an index's word -> documents database.
//
// Thread safety: as its transaction (one thread). Ownership: borrows the
// transaction, which must outlive the dictionary.
#pragma once

#include <memory>

#include "engine/search/typo/word_dictionary.h"
#include "storage/cursor.h"

namespace myriad::typo {

class LmdbWordDictionary final : public WordDictionary {
 public:
  // REQUIRES: `db` holds no empty key (LMDB's default bytewise key order).
  static Result<std::unique_ptr<LmdbWordDictionary>> Open(const storage::Txn& txn,
                                                          storage::Database db);

  Result<bool> SeekAtLeast(std::string_view key) override;
  Result<bool> Next() override { return cursor_.Next(); }
  std::string_view word() const override { return cursor_.key(); }

 private:
  explicit LmdbWordDictionary(storage::Cursor cursor) : cursor_(std::move(cursor)) {}

  static constexpr int kStepsBeforeSeek = 3;

  storage::Cursor cursor_;
};

}  // namespace myriad::typo
