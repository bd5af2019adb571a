#include "http/index_stats_json.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <type_traits>

namespace myriad::http {
namespace {

using index_mapper::IndexMeta;
using index_mapper::IndexMetaView;

// `Meta` is an IndexMeta or, for the registry walk, an IndexMetaView.
template <typename Meta>
void AppendStats(std::string& out, const Meta& m, const std::optional<std::string>& indexing) {
  const auto number = [&out](std::string_view key, uint64_t n) {
    char digits[24];
    out += key;
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  };
  number("{\"numberOfDocuments\":", m.document_count);
  number(",\"rawDocumentDbSize\":", m.used_bytes);
  number(",\"avgDocumentSize\":", m.document_count == 0 ? 0 : m.used_bytes / m.document_count);
  out += indexing == m.uid ? ",\"isIndexing\":true" : ",\"isIndexing\":false";
  out += ",\"numberOfEmbeddings\":0,\"numberOfEmbeddedDocuments\":0,\"fieldDistribution\":{";
  bool first = true;
  const auto field = [&](std::string_view name, uint64_t count) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
    number(":", count);
  };
  if constexpr (std::is_same_v<Meta, IndexMetaView>) {
    m.ForEachField(field);
  } else {
    for (const auto& [name, count] : m.field_distribution) field(name, count);
  }
  out += "}}";
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
  });
  if (!plain) {
    out += boost::json::serialize(boost::json::string_view(s));
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

void AppendIndexStats(std::string& out, const IndexMeta& m,
                      const std::optional<std::string>& indexing) {
  AppendStats(out, m, indexing);
}

void AppendIndexStats(std::string& out, const IndexMetaView& m,
                      const std::optional<std::string>& indexing) {
  AppendStats(out, m, indexing);
}

}  // namespace myriad::http
