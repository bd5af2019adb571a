// Reading a database keyed by sdbs::WordKey (kWordFieldDocids,
// kWordPositionDocids): one word's documents, entry by entry.
//
// Thread safety: as the cursor's transaction (one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <roaring/roaring.hh>

#include "storage/cursor.h"
#include "util/result.h"

namespace myriad::engine {

// Calls `f(entry, documents)` for each entry of word `word_id` (a field id, a
// bucketed position), in entry order, moving `cursor`. Stops at f's first
// error and returns it.
Status ForEachWordKey(storage::Cursor& cursor, uint32_t word_id,
                      const std::function<Status(uint16_t, Roaring)>& f);

// The same for a database keyed by sdbs::PrefixKey: `f(entry, documents)` for
// each entry of `prefix`.
Status ForEachPrefixKey(storage::Cursor& cursor, std::string_view prefix,
                        const std::function<Status(uint16_t, Roaring)>& f);

}  // namespace myriad::engine
