// Typed readers over boost::json values that fail with deserr's messages.
// Internal to the settings library (used by the per-key parsers).
//
// Each reader returns std::nullopt on success (filling `out`) or the error
// message; `path` locates the value in the request body for the message
// (see json_error_messages.h).
//
// Thread safety: pure functions.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/setting.h"

namespace myriad::settings::internal {

using ReadError = std::optional<std::string>;

ReadError ReadString(const boost::json::value& v, const std::string& path, std::string& out);
ReadError ReadBool(const boost::json::value& v, const std::string& path, bool& out);
ReadError ReadU64(const boost::json::value& v, const std::string& path, std::uint64_t& out);
ReadError ReadNonZeroU64(const boost::json::value& v, const std::string& path, std::uint64_t& out);
ReadError ReadU8(const boost::json::value& v, const std::string& path, std::uint8_t& out);
ReadError ReadStringList(const boost::json::value& v, const std::string& path,
                         std::vector<std::string>& out);
ReadError ReadStringSet(const boost::json::value& v, const std::string& path,
                        std::set<std::string>& out);
// A string among `accepted`; `index` receives its position.
ReadError ReadEnum(const boost::json::value& v, const std::string& path,
                   std::span<const std::string_view> accepted, size_t& index);

// Visits the members of an object in input order, refusing keys not in
// `accepted`; stops at the first error. `visit(key, value, member_path)`.
using MemberVisitor =
    std::function<ReadError(std::string_view, const boost::json::value&, const std::string&)>;
ReadError ReadObject(const boost::json::value& v, const std::string& path,
                     std::span<const std::string_view> accepted, const MemberVisitor& visit);

// Null -> Reset; anything else is read by `read` into a Set value.
template <typename T, typename Reader>
ReadError ReadSetting(const boost::json::value& v, const std::string& path, Setting<T>& out,
                      Reader read) {
  if (v.is_null()) {
    out = Setting<T>::Reset();
    return std::nullopt;
  }
  T value{};
  if (ReadError e = read(v, path, value)) return e;
  out = Setting<T>::Set(std::move(value));
  return std::nullopt;
}

}  // namespace myriad::settings::internal
