#include "engine/schema/value_readers.h"

#include "engine/schema/json_error_messages.h"

namespace myriad::settings::internal {
namespace {

std::string IndexPath(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

}  // namespace

ReadError ReadString(const boost::json::value& v, const std::string& path, std::string& out) {
  if (!v.is_string()) return InvalidTypeMessage(path, {JsonKind::kString}, v);
  out = std::string(v.get_string());
  return std::nullopt;
}

ReadError ReadBool(const boost::json::value& v, const std::string& path, bool& out) {
  if (!v.is_bool()) return InvalidTypeMessage(path, {JsonKind::kBoolean}, v);
  out = v.get_bool();
  return std::nullopt;
}

ReadError ReadU64(const boost::json::value& v, const std::string& path, std::uint64_t& out) {
  if (KindOf(v) != JsonKind::kInteger) return InvalidTypeMessage(path, {JsonKind::kInteger}, v);
  out = v.is_uint64() ? v.get_uint64() : static_cast<std::uint64_t>(v.get_int64());
  return std::nullopt;
}

ReadError ReadNonZeroU64(const boost::json::value& v, const std::string& path, std::uint64_t& out) {
  if (ReadError e = ReadU64(v, path, out)) return e;
  if (out == 0) {
    return UnexpectedMessage(path,
                             "a non-zero integer value lower than `18446744073709551615` was "
                             "expected, but found a zero");
  }
  return std::nullopt;
}

ReadError ReadU8(const boost::json::value& v, const std::string& path, std::uint8_t& out) {
  std::uint64_t wide = 0;
  if (ReadError e = ReadU64(v, path, wide)) return e;
  if (wide > 255) {
    return UnexpectedMessage(path, "value: `" + std::to_string(wide) +
                                       "` is too large to be deserialized, maximum value "
                                       "authorized is `255`");
  }
  out = static_cast<std::uint8_t>(wide);
  return std::nullopt;
}

ReadError ReadStringList(const boost::json::value& v, const std::string& path,
                         std::vector<std::string>& out) {
  if (!v.is_array()) return InvalidTypeMessage(path, {JsonKind::kArray}, v);
  const boost::json::array& arr = v.get_array();
  out.clear();
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string s;
    if (ReadError e = ReadString(arr[i], IndexPath(path, i), s)) return e;
    out.push_back(std::move(s));
  }
  return std::nullopt;
}

ReadError ReadStringSet(const boost::json::value& v, const std::string& path,
                        std::set<std::string>& out) {
  std::vector<std::string> list;
  if (ReadError e = ReadStringList(v, path, list)) return e;
  out = std::set<std::string>(list.begin(), list.end());
  return std::nullopt;
}

ReadError ReadEnum(const boost::json::value& v, const std::string& path,
                   std::span<const std::string_view> accepted, size_t& index) {
  if (!v.is_string()) return InvalidTypeMessage(path, {JsonKind::kString}, v);
  std::string_view s = v.get_string();
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (accepted[i] == s) {
      index = i;
      return std::nullopt;
    }
  }
  return UnknownValueMessage(path, s, accepted);
}

ReadError ReadObject(const boost::json::value& v, const std::string& path,
                     std::span<const std::string_view> accepted, const MemberVisitor& visit) {
  if (!v.is_object()) return InvalidTypeMessage(path, {JsonKind::kObject}, v);
  for (const auto& member : v.get_object()) {
    std::string_view key = member.key();
    bool known = false;
    for (std::string_view a : accepted) known = known || a == key;
    if (!known) return UnknownFieldMessage(path, key, accepted);
    if (ReadError e = visit(key, member.value(), path + "." + std::string(key))) return e;
  }
  return std::nullopt;
}

}  // namespace myriad::settings::internal
