// The document payload formats of Meilisearch's document routes.
#pragma once

#include <string_view>

namespace myriad::engine {

enum class PayloadFormat { kJson, kNdjson, kCsv };

// "json", "ndjson" or "csv", as Meilisearch's messages name them.
std::string_view PayloadFormatName(PayloadFormat format);

}  // namespace myriad::engine
