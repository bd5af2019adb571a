// Roaring bitmaps as LMDB values (CRoaring's portable format), for every bitmap
// an index stores: words, facets, document ids. Header-only so that the facet
// library below the engine shares it.
//
// Thread safety: pure functions.
#pragma once

#include <exception>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::engine {

inline std::string EncodeBitmap(const Roaring& bitmap) {
  std::string out(bitmap.getSizeInBytes(/*portable=*/true), '\0');
  bitmap.write(out.data(), /*portable=*/true);
  return out;
}

// kCorruption when `bytes` is not a portable Roaring bitmap.
inline Result<Roaring> DecodeBitmap(std::string_view bytes) {
  try {
    return Roaring::readSafe(bytes.data(), bytes.size());
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("bitmap: ") + e.what());
  }
}

}  // namespace myriad::engine
