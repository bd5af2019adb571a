#include "engine/facet/facet_bitmap.h"

#include <exception>

namespace myriad::facet {

std::string EncodeFacetBitmap(const Roaring& bitmap) {
  std::string out(bitmap.getSizeInBytes(/*portable=*/true), '\0');
  bitmap.write(out.data(), /*portable=*/true);
  return out;
}

Result<Roaring> DecodeFacetBitmap(std::string_view bytes) {
  try {
    return Roaring::readSafe(bytes.data(), bytes.size());
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("facet bitmap: ") + e.what());
  }
}

}  // namespace myriad::facet
