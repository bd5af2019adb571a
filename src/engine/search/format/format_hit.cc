#include "engine/search/format/format_hit.h"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>
#include <map>
#include <string>
#include <vector>

#include "engine/search/format/format_rules.h"
#include "engine/search/format/number_text.h"
#include "engine/search/format/select_paths.h"
#include "engine/search/format/value_formatter.h"

namespace myriad::format {
namespace {

// One walk over the displayed document computes both outputs, so each leaf is
// tokenized at most once.
class HitFormatter {
 public:
  HitFormatter(const FormatOptions& options, const text::Tokenizer& tokenizer, const MatchFn& match)
      : options_(options),
        rules_(options),
        values_(tokenizer, match,
                FormatStyle{options.pre_tag, options.post_tag, options.crop_marker}) {}

  FormattedHit Run(const boost::json::object& displayed) {
    FormattedHit hit;
    const bool want_formatted = rules_.any();
    boost::json::object formatted;
    for (const auto& [key, value] : displayed) {
      path_.assign(key.data(), key.size());
      const bool keep = want_formatted && MaySelect(key);
      if (!keep && !options_.matches_position) continue;
      boost::json::value out = Walk(value, keep);
      if (keep) formatted.emplace(key, std::move(out));
    }
    if (want_formatted) {
      if (!rules_.selects_all()) {
        formatted = SelectPaths(std::move(formatted), rules_.selectors());
      }
      if (!formatted.empty()) hit.formatted = std::move(formatted);
    }
    if (options_.matches_position) {
      boost::json::object& positions = hit.matches_position.emplace();
      for (auto& [path, bounds] : matches_) positions.emplace(path, std::move(bounds));
    }
    return hit;
  }

 private:
  // Whether SelectPaths could keep anything of top-level `key`.
  bool MaySelect(std::string_view key) const {
    if (rules_.selects_all()) return true;
    for (const std::string& s : rules_.selectors()) {
      if (s.starts_with(key) && (s.size() == key.size() || s[key.size()] == '.')) return true;
    }
    return false;
  }

  // The formatted copy of `value` at path_ (null when !keep: only matches wanted).
  boost::json::value Walk(const boost::json::value& value, bool keep) {
    switch (value.kind()) {
      case boost::json::kind::object: {
        boost::json::object out;
        const size_t base = path_.size();
        for (const auto& [key, child] : value.get_object()) {
          path_.push_back('.');
          path_.append(key.data(), key.size());
          boost::json::value v = Walk(child, keep);
          if (keep) out.emplace(key, std::move(v));
          path_.resize(base);
        }
        return keep ? boost::json::value(std::move(out)) : boost::json::value();
      }
      case boost::json::kind::array: {
        boost::json::array out;
        indices_.push_back(0);
        for (const boost::json::value& element : value.get_array()) {
          boost::json::value v = Walk(element, keep);
          if (keep) out.emplace_back(std::move(v));
          ++indices_.back();
        }
        indices_.pop_back();
        return keep ? boost::json::value(std::move(out)) : boost::json::value();
      }
      case boost::json::kind::string: {
        const boost::json::string& s = value.get_string();
        return Leaf(std::string_view(s.data(), s.size()), keep);
      }
      case boost::json::kind::int64:
      case boost::json::kind::uint64:
      case boost::json::kind::double_:
        number_.clear();
        AppendNumberText(value, &number_);
        return Leaf(number_, keep);
      default:  // null, bool
        return keep ? value : boost::json::value();
    }
  }

  boost::json::value Leaf(std::string_view text, bool keep) {
    const LeafFormat format = keep ? rules_.ForPath(path_) : LeafFormat{};
    const uint32_t crop = format.crop.value_or(0);
    const bool format_text = format.highlight || crop > 0;
    if (format_text || options_.matches_position) values_.Analyze(text);
    if (options_.matches_position && values_.HasMatches()) {
      boost::json::array bounds;
      values_.AppendMatchBounds(indices_, &bounds);
      matches_[path_] = std::move(bounds);
    }
    if (!keep) return {};
    if (!format_text) return boost::json::string(text);
    scratch_.clear();
    values_.AppendFormatted(format.highlight, crop, &scratch_);
    return boost::json::string(scratch_);
  }

  const FormatOptions& options_;
  const FormatRules rules_;
  ValueFormatter values_;
  std::string path_;             // dotted path of the value being walked
  std::vector<size_t> indices_;  // its index in each enclosing array
  std::string number_;
  std::string scratch_;
  std::map<std::string, boost::json::array, std::less<>> matches_;
};

}  // namespace

FormattedHit FormatHit(const boost::json::object& displayed, const FormatOptions& options,
                       const text::Tokenizer& tokenizer, const MatchFn& match) {
  return HitFormatter(options, tokenizer, match).Run(displayed);
}

}  // namespace myriad::format
