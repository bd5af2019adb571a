#include "index_mapper/index_meta.h"

#include <array>
#include <random>

#include "storage/key_codec.h"

namespace myriad::index_mapper {
namespace {

constexpr char kVersion = 1;

void AppendString(std::string& out, std::string_view s) {
  storage::AppendU32BE(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

std::optional<std::string_view> ConsumeString(std::string_view& in) {
  auto n = storage::ConsumeU32BE(in);
  if (!n || in.size() < *n) return std::nullopt;
  const std::string_view s = in.substr(0, *n);
  in.remove_prefix(*n);
  return s;
}

}  // namespace

std::string EncodeIndexMeta(const IndexMeta& meta) {
  std::string out(1, kVersion);
  AppendString(out, meta.uuid);
  out.push_back(meta.primary_key ? 1 : 0);
  AppendString(out, meta.primary_key.value_or(""));
  storage::AppendI64BE(out, meta.created_at_ns);
  storage::AppendI64BE(out, meta.updated_at_ns);
  storage::AppendU64BE(out, meta.document_count);
  storage::AppendU64BE(out, meta.used_bytes);
  storage::AppendU32BE(out, static_cast<uint32_t>(meta.field_distribution.size()));
  for (const auto& [field, count] : meta.field_distribution) {
    AppendString(out, field);
    storage::AppendU64BE(out, count);
  }
  return out;
}

Result<IndexMetaView> IndexMetaView::Parse(std::string_view uid, std::string_view in) {
  auto corrupt = [&] {
    return Status::Corruption("registry record of index `" + std::string(uid) + "` is malformed");
  };
  if (in.empty() || in.front() != kVersion) return corrupt();
  in.remove_prefix(1);
  IndexMetaView view;
  view.uid = uid;
  auto uuid = ConsumeString(in);
  if (!uuid || in.empty()) return corrupt();
  view.uuid = *uuid;
  const bool has_pk = in.front() == 1;
  in.remove_prefix(1);
  auto pk = ConsumeString(in);
  auto created = storage::ConsumeI64BE(in);
  auto updated = storage::ConsumeI64BE(in);
  auto count = storage::ConsumeU64BE(in);
  auto used = storage::ConsumeU64BE(in);
  auto fields = storage::ConsumeU32BE(in);
  if (!pk || !created || !updated || !count || !used || !fields) return corrupt();
  view.fields_ = in;
  for (uint32_t i = 0; i < *fields; ++i) {
    if (!ConsumeString(in) || !storage::ConsumeU64BE(in)) return corrupt();
  }
  if (!in.empty()) return corrupt();
  view.field_count_ = *fields;
  if (has_pk) view.primary_key = *pk;
  view.created_at_ns = *created;
  view.updated_at_ns = *updated;
  view.document_count = *count;
  view.used_bytes = *used;
  return view;
}

IndexMeta IndexMetaView::ToMeta() const {
  IndexMeta meta;
  meta.uid = uid;
  meta.uuid = uuid;
  if (primary_key) meta.primary_key = std::string(*primary_key);
  meta.created_at_ns = created_at_ns;
  meta.updated_at_ns = updated_at_ns;
  meta.document_count = document_count;
  meta.used_bytes = used_bytes;
  ForEachField([&](std::string_view field, uint64_t documents) {
    meta.field_distribution.emplace_hint(meta.field_distribution.end(), field, documents);
  });
  return meta;
}

Result<IndexMeta> DecodeIndexMeta(std::string_view uid, std::string_view bytes) {
  MYRIAD_ASSIGN_OR_RETURN(IndexMetaView view, IndexMetaView::Parse(uid, bytes));
  return view.ToMeta();
}

bool IsValidIndexUid(std::string_view uid) {
  if (uid.empty() || uid.size() > 400) return false;
  for (char c : uid) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string NewUuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::array<unsigned char, 16> b;
  for (size_t i = 0; i < b.size(); i += 8) {
    const uint64_t r = rng();
    for (size_t j = 0; j < 8; ++j) b[i + j] = static_cast<unsigned char>(r >> (8 * j));
  }
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

bool IsValidUuid(std::string_view uuid) {
  if (uuid.size() != 36) return false;
  for (size_t i = 0; i < uuid.size(); ++i) {
    const char c = uuid[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace myriad::index_mapper
