#include "engine/search/format/format_rules.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace myriad::format {
namespace {

// milli's is_faceted_by: `path` is `attribute` or lies inside it.
bool IsUnder(std::string_view path, std::string_view attribute) {
  return path.starts_with(attribute) &&
         (path.size() == attribute.size() || path[attribute.size()] == '.');
}

// Rust's usize parsing, as meilisearch reads "attr:len": digits, an optional '+'.
std::optional<uint32_t> ParseLength(std::string_view s) {
  if (s.starts_with('+')) s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ptr != s.data() + s.size()) return std::nullopt;
  if (r.ec == std::errc::result_out_of_range) return std::numeric_limits<uint32_t>::max();
  if (r.ec != std::errc()) return std::nullopt;
  return static_cast<uint32_t>(std::min<uint64_t>(v, std::numeric_limits<uint32_t>::max()));
}

}  // namespace

FormatRules::FormatRules(const FormatOptions& options) {
  for (const std::string& name : options.highlight) {
    rules_.push_back({name, true, std::nullopt});
  }
  for (const std::string& entry : options.crop) {
    std::string_view name = entry;
    uint32_t length = options.crop_length;
    if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) {
      length = ParseLength(name.substr(colon + 1)).value_or(options.crop_length);
      name = name.substr(0, colon);
    }
    rules_.push_back({std::string(name), false, length});
  }
  if (rules_.empty()) return;
  for (const Rule& rule : rules_) {
    if (rule.name == "*") selects_all_ = true;
    selectors_.push_back(rule.name);
  }
  for (const std::string& name : options.retrieve) {
    if (name == "*") selects_all_ = true;
    selectors_.push_back(name);
  }
}

LeafFormat FormatRules::ForPath(std::string_view dotted_path) const {
  LeafFormat format;
  for (const Rule& rule : rules_) {
    if (rule.name != "*" && !IsUnder(dotted_path, rule.name) && !IsUnder(rule.name, dotted_path)) {
      continue;
    }
    format.highlight = format.highlight || rule.highlight;
    if (rule.crop) format.crop = rule.crop;
  }
  return format;
}

}  // namespace myriad::format
