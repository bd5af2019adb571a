// FormatHit: the per-hit presentation of a search result, `_formatted` and
// `_matchesPosition`, as meilisearch's make_hit / format_fields build them.
//
// `_formatted` (when any attribute is highlighted or cropped) is a copy of the
// document restricted to the retrieved, highlighted and cropped attributes, where:
//   - strings are highlighted (matches wrapped in pre/post tags) if an
//     attributesToHighlight entry applies, cropped if an attributesToCrop entry does
//     (both when both do), else copied;
//   - numbers become their text ("456", "1.5"), highlighted/cropped like strings;
//   - null and booleans are kept; arrays and nested objects are formatted element by
//     element, each leaf by its dotted path ("doggos.name", the same for every array
//     element).
// It is left out when empty (Meilisearch skips an empty `_formatted`).
//
// `_matchesPosition` (when requested) maps the dotted path of every displayed leaf
// that has matches to [{"start": byte offset, "length": highlighted bytes}], with
// "indices": [index in each enclosing array] for values inside arrays. Keys are in
// byte order. As in Meilisearch, all displayed attributes count (searchable or not),
// and for a path reached through arrays the LAST element with matches replaces the
// entries of earlier ones (meilisearch inserts per leaf into a map).
//
// Thread safety: FormatHit is reentrant; it calls `match` from the calling thread.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "engine/indexing/text/tokenizer.h"
#include "engine/search/format/format_options.h"
#include "engine/search/format/word_match.h"

namespace myriad::format {

struct FormattedHit {
  std::optional<boost::json::object> formatted;         // `_formatted`
  std::optional<boost::json::object> matches_position;  // `_matchesPosition`
};

// `displayed`: the hit's document restricted to the index's displayed attributes (NOT
// yet to attributesToRetrieve: `_formatted` also shows highlighted and cropped
// attributes that are not retrieved, as Meilisearch does).
// REQUIRES: every string value is shorter than 4 GiB.
FormattedHit FormatHit(const boost::json::object& displayed, const FormatOptions& options,
                       const text::Tokenizer& tokenizer, const MatchFn& match);

}  // namespace myriad::format
