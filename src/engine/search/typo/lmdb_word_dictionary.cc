#include "engine/search/typo/lmdb_word_dictionary.h"

namespace myriad::typo {

Result<std::unique_ptr<LmdbWordDictionary>> LmdbWordDictionary::Open(const storage::Txn& txn,
                                                                     storage::Database db) {
  MYRIAD_ASSIGN_OR_RETURN(storage::Cursor cursor, storage::Cursor::Open(txn, db));
  return std::unique_ptr<LmdbWordDictionary>(new LmdbWordDictionary(std::move(cursor)));
}

Result<bool> LmdbWordDictionary::SeekAtLeast(std::string_view key) {
  // LMDB rejects a zero-length key in MDB_SET_RANGE; every key is >= "".
  if (key.empty()) return cursor_.First();
  // The walk mostly seeks past a prefix held by a word or two: the target is
  // then a step or two ahead, which costs less than a seek.
  return cursor_.SeekForward(key, kStepsBeforeSeek);
}

}  // namespace myriad::typo
