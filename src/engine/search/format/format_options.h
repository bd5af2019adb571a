// FormatOptions: the search request fields that shape each hit's `_formatted` and
// `_matchesPosition` (attributesToRetrieve, attributesToHighlight, attributesToCrop,
// cropLength, cropMarker, highlightPreTag, highlightPostTag, showMatchesPosition).
//
// Thread safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace myriad::format {

struct FormatOptions {
  // attributesToRetrieve: attribute names, dotted paths ("author.name") or "*". The
  // attributes kept in `_formatted` besides the highlighted and cropped ones.
  std::vector<std::string> retrieve = {"*"};
  // attributesToHighlight: names, dotted paths or "*" (every displayed attribute).
  // REQUIRES (caller): names that are no displayed field of the index are removed
  // first; Meilisearch ignores them, and whether `_formatted` appears depends on it.
  std::vector<std::string> highlight;
  // attributesToCrop: "attr", "attr:len" (own crop length; a len that is not a number
  // means crop_length) or "*"; same REQUIRES as `highlight`. A later entry for the same
  // attribute wins.
  std::vector<std::string> crop;
  // cropLength in words; 0 disables cropping (milli ignores a zero crop size).
  uint32_t crop_length = 10;
  std::string crop_marker = "…";
  std::string pre_tag = "<em>";
  std::string post_tag = "</em>";
  // showMatchesPosition.
  bool matches_position = false;
};

}  // namespace myriad::format
