#include "engine/search/hits.h"

#include <boost/json/serialize.hpp>

#include "engine/documents/select_fields.h"
#include "engine/search/format/format_hit.h"
#include "engine/search/typo/utf8_units.h"

namespace myriad::engine {

Result<std::string> HitsJson(const storage::Txn& txn, const IndexView& index,
                             const SearchRequest& request, const ResolvedQuery& query,
                             const std::vector<SortedHit>& hits) {
  format::FormatOptions options = request.format;
  if (request.attributes_to_retrieve) options.retrieve = *request.attributes_to_retrieve;
  // A hit that is its whole stored document, with nothing added, is copied as
  // stored: most searches show whole documents, and parsing and re-serializing
  // each one cost about a tenth of a typical search.
  const bool stored_as_shown = index.settings.DisplaysAllFields() &&
                               !request.attributes_to_retrieve && options.highlight.empty() &&
                               options.crop.empty() && !options.matches_position &&
                               !request.show_ranking_score && !request.show_ranking_score_details;
  auto match = [&](const text::Token& token,
                   std::string_view original) -> std::optional<format::WordMatch> {
    for (size_t u = 0; u < query.units.size(); ++u) {
      const ResolvedUnit& unit = query.units[u];
      auto it = unit.words.find(token.word);
      if (it == unit.words.end()) continue;
      format::WordMatch word{0, static_cast<uint32_t>(u)};
      if (it->second.prefix) {
        word.highlight_bytes =
            format::OriginalPrefixBytes(original, typo::CountUtf8Units(unit.unit.words.front()));
      }
      return word;
    }
    return std::nullopt;
  };
  std::string body = "[";
  for (const SortedHit& hit : hits) {
    if (&hit != &hits.front()) body += ',';
    if (stored_as_shown) {
      MYRIAD_ASSIGN_OR_RETURN(std::optional<std::string_view> text,
                              index.store.GetTextByInternalId(txn, hit.id));
      if (!text) return Status::Corruption("search: a candidate document is missing");
      body += *text;
      continue;
    }
    MYRIAD_ASSIGN_OR_RETURN(std::optional<boost::json::object> doc,
                            index.store.GetByInternalId(txn, hit.id));
    if (!doc) return Status::Corruption("search: a candidate document is missing");
    // Moved, not copied, from the stored document to the hit when every
    // field shows: most hits are a whole document.
    boost::json::object displayed = std::move(*doc);
    if (!index.settings.DisplaysAllFields()) {
      displayed = SelectFields(displayed, *index.settings.displayed_attributes);
    }
    format::FormattedHit formatted = format::FormatHit(displayed, options, index.tokenizer, match);
    std::optional<boost::json::object> details;
    if (request.show_ranking_score_details) details = ScoreDetailsJson(hit.details, displayed);
    boost::json::object out = request.attributes_to_retrieve
                                  ? SelectFields(displayed, *request.attributes_to_retrieve)
                                  : std::move(displayed);
    if (formatted.formatted) out["_formatted"] = std::move(*formatted.formatted);
    if (formatted.matches_position) {
      out["_matchesPosition"] = std::move(*formatted.matches_position);
    }
    if (request.show_ranking_score) out["_rankingScore"] = GlobalScore(hit.details);
    if (details) out["_rankingScoreDetails"] = std::move(*details);
    body += boost::json::serialize(out);
  }
  return body + ']';
}

}  // namespace myriad::engine
