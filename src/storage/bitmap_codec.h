// Roaring bitmaps as LMDB values (CRoaring's portable format), for every bitmap
// an index stores: words, positions, facets, document ids.
//
// Thread safety: pure functions.
#pragma once

#include <exception>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>

#include "util/result.h"

namespace myriad::storage {

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

}  // namespace myriad::storage
