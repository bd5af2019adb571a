// FormatRules: FormatOptions' attribute lists resolved into what to do with each leaf
// value of a document, found by its dotted path ("doggos.name"), as meilisearch's
// compute_formatted_options + format_fields do: a rule for "doggos" applies to
// "doggos.name" and a rule for "doggos.name" to a leaf at "doggos"; rules that apply
// merge (highlight if any says so; the crop of the last applicable crop entry).
//
// Thread safety: immutable after construction; const methods are safe from many
// threads. Ownership: copies what it needs from the options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/format/format_options.h"

namespace myriad::format {

struct LeafFormat {
  bool highlight = false;
  std::optional<uint32_t> crop;  // crop length in words (0: no crop)
};

class FormatRules {
 public:
  explicit FormatRules(const FormatOptions& options);

  // Whether any attribute is to be highlighted or cropped (then `_formatted` exists).
  bool any() const { return !rules_.empty(); }

  LeafFormat ForPath(std::string_view dotted_path) const;

  // Whether `_formatted` keeps every attribute ("*" in one of the lists).
  bool selects_all() const { return selects_all_; }
  // Otherwise, the paths it keeps (retrieved, highlighted and cropped attributes).
  const std::vector<std::string>& selectors() const { return selectors_; }

 private:
  struct Rule {
    std::string name;  // "*" applies to every path
    bool highlight = false;
    std::optional<uint32_t> crop;
  };

  std::vector<Rule> rules_;
  std::vector<std::string> selectors_;
  bool selects_all_ = false;
};

}  // namespace myriad::format
