#include "engine/search/word_keys.h"

#include <string>

#include "storage/bitmap_codec.h"
#include "storage/key_codec.h"

namespace myriad::engine {

Status ForEachWordKey(storage::Cursor& cursor, uint32_t word_id,
                      const std::function<Status(uint16_t, Roaring)>& f) {
  const std::string prefix = storage::EncodeU32BE(word_id);
  MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.Seek(prefix));
  while (found && cursor.key().starts_with(prefix)) {
    const std::string_view key = cursor.key();
    if (key.size() != prefix.size() + 2) return Status::Corruption("word key: bad size");
    const auto entry =
        static_cast<uint16_t>((static_cast<uint8_t>(key[4]) << 8) | static_cast<uint8_t>(key[5]));
    MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(cursor.value()));
    MYRIAD_RETURN_IF_ERROR(f(entry, std::move(docs)));
    MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
  }
  return Status::Ok();
}

Status ForEachPrefixKey(storage::Cursor& cursor, std::string_view prefix,
                        const std::function<Status(uint16_t, Roaring)>& f) {
  const std::string start = std::string(prefix) + '\0';
  MYRIAD_ASSIGN_OR_RETURN(bool found, cursor.Seek(start));
  while (found && cursor.key().starts_with(start)) {
    const std::string_view key = cursor.key();
    if (key.size() != start.size() + 2) return Status::Corruption("prefix key: bad size");
    const auto entry = static_cast<uint16_t>((static_cast<uint8_t>(key[start.size()]) << 8) |
                                             static_cast<uint8_t>(key[start.size() + 1]));
    MYRIAD_ASSIGN_OR_RETURN(Roaring docs, storage::DecodeBitmap(cursor.value()));
    MYRIAD_RETURN_IF_ERROR(f(entry, std::move(docs)));
    MYRIAD_ASSIGN_OR_RETURN(found, cursor.Next());
  }
  return Status::Ok();
}

}  // namespace myriad::engine
