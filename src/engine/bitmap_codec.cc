#include "engine/bitmap_codec.h"

#include <exception>

namespace myriad::engine {

std::string EncodeBitmap(const Roaring& bitmap) {
  std::string out(bitmap.getSizeInBytes(/*portable=*/true), '\0');
  bitmap.write(out.data(), /*portable=*/true);
  return out;
}

Result<Roaring> DecodeBitmap(std::string_view bytes) {
  try {
    return Roaring::readSafe(bytes.data(), bytes.size());
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("bitmap: ") + e.what());
  }
}

}  // namespace myriad::engine
