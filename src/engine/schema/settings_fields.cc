#include "engine/schema/settings_fields.h"

#include <utility>

#include "engine/schema/json_error_messages.h"

namespace myriad::settings::internal {
namespace {

namespace json = boost::json;

std::string IndexPath(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// --- locales -------------------------------------------------------------

struct LocalePair {
  std::string_view two;    // ISO 639-1
  std::string_view three;  // ISO 639-3
};

constexpr std::array<LocalePair, 69> kLocales = {{
    {"af", "afr"}, {"ak", "aka"}, {"am", "amh"}, {"ar", "ara"}, {"az", "aze"}, {"be", "bel"},
    {"bn", "ben"}, {"bg", "bul"}, {"ca", "cat"}, {"cs", "ces"}, {"da", "dan"}, {"de", "deu"},
    {"el", "ell"}, {"en", "eng"}, {"eo", "epo"}, {"et", "est"}, {"fi", "fin"}, {"fr", "fra"},
    {"gu", "guj"}, {"he", "heb"}, {"hi", "hin"}, {"hr", "hrv"}, {"hu", "hun"}, {"hy", "hye"},
    {"id", "ind"}, {"it", "ita"}, {"jv", "jav"}, {"ja", "jpn"}, {"kn", "kan"}, {"ka", "kat"},
    {"km", "khm"}, {"ko", "kor"}, {"la", "lat"}, {"lv", "lav"}, {"lt", "lit"}, {"ml", "mal"},
    {"mr", "mar"}, {"mk", "mkd"}, {"my", "mya"}, {"ne", "nep"}, {"nl", "nld"}, {"nb", "nob"},
    {"or", "ori"}, {"pa", "pan"}, {"fa", "pes"}, {"pl", "pol"}, {"pt", "por"}, {"ro", "ron"},
    {"ru", "rus"}, {"si", "sin"}, {"sk", "slk"}, {"sl", "slv"}, {"sn", "sna"}, {"es", "spa"},
    {"sr", "srp"}, {"sv", "swe"}, {"ta", "tam"}, {"te", "tel"}, {"tl", "tgl"}, {"th", "tha"},
    {"tk", "tuk"}, {"tr", "tur"}, {"uk", "ukr"}, {"ur", "urd"}, {"uz", "uzb"}, {"vi", "vie"},
    {"yi", "yid"}, {"zh", "zho"}, {"zu", "zul"},
}};
constexpr size_t kLocaleCount = kLocales.size();
static_assert(!kLocales.back().two.empty(), "every locale pair is listed");

// Every accepted spelling, in the order Meilisearch lists them in errors.
const std::vector<std::string_view>& AcceptedLocales() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (size_t i = 0; i < kLocaleCount; ++i) v.push_back(kLocales[i].two);
    for (size_t i = 0; i < kLocaleCount; ++i) v.push_back(kLocales[i].three);
    v.push_back("cmn");
    return v;
  }();
  return names;
}

// --- per-type readers ------------------------------------------------------

ReadError ReadFilterableRule(const json::value& v, const std::string& path,
                             FilterableAttributesRule& out) {
  if (!v.is_object()) {
    out = FilterableAttributesRule{};
    return ReadString(v, path, out.field);
  }
  out = FilterableAttributesRule{};
  out.is_pattern = true;
  bool has_patterns = false;
  static constexpr std::array<std::string_view, 2> kRuleKeys = {"attributePatterns", "features"};
  static constexpr std::array<std::string_view, 2> kFeatureKeys = {"facetSearch", "filter"};
  static constexpr std::array<std::string_view, 2> kFilterKeys = {"equality", "comparison"};
  ReadError e = ReadObject(
      v, path, kRuleKeys,
      [&](std::string_view key, const json::value& m, const std::string& p) -> ReadError {
        if (key == "attributePatterns") {
          has_patterns = true;
          return ReadStringList(m, p, out.attribute_patterns);
        }
        return ReadObject(
            m, p, kFeatureKeys,
            [&](std::string_view fkey, const json::value& fm, const std::string& fp) -> ReadError {
              if (fkey == "facetSearch") return ReadBool(fm, fp, out.facet_search);
              return ReadObject(
                  fm, fp, kFilterKeys,
                  [&](std::string_view k, const json::value& x,
                      const std::string& xp) -> ReadError {
                    return ReadBool(x, xp,
                                    k == "equality" ? out.filter_equality : out.filter_comparison);
                  });
            });
      });
  if (e) return e;
  if (!has_patterns) return MissingFieldMessage(path, "attributePatterns");
  return std::nullopt;
}

template <typename T, typename ElementReader>
ReadError ReadList(const json::value& v, const std::string& path, std::vector<T>& out,
                   ElementReader read) {
  if (!v.is_array()) return InvalidTypeMessage(path, {JsonKind::kArray}, v);
  const json::array& arr = v.get_array();
  out.clear();
  for (size_t i = 0; i < arr.size(); ++i) {
    T element{};
    if (ReadError e = read(arr[i], IndexPath(path, i), element)) return e;
    out.push_back(std::move(element));
  }
  return std::nullopt;
}

ReadError ReadRankingRule(const json::value& v, const std::string& path, RankingRule& out) {
  std::string text;
  if (ReadError e = ReadString(v, path, text)) return e;
  auto parsed = ParseRankingRule(text);
  if (auto* msg = std::get_if<std::string>(&parsed)) return UnexpectedMessage(path, *msg);
  out = std::get<RankingRule>(std::move(parsed));
  return std::nullopt;
}

ReadError ReadSynonyms(const json::value& v, const std::string& path,
                       std::map<std::string, std::vector<std::string>>& out) {
  if (!v.is_object()) return InvalidTypeMessage(path, {JsonKind::kObject}, v);
  out.clear();
  for (const auto& m : v.get_object()) {
    std::vector<std::string> words;
    if (ReadError e = ReadStringList(m.value(), path + "." + std::string(m.key()), words)) {
      return e;
    }
    out[std::string(m.key())] = std::move(words);
  }
  return std::nullopt;
}

template <typename Enum, size_t N>
ReadError ReadNamedEnum(const json::value& v, const std::string& path, Enum& out,
                        const std::array<std::string_view, N>& names) {
  size_t index = 0;
  if (ReadError e = ReadEnum(v, path, names, index)) return e;
  out = static_cast<Enum>(index);
  return std::nullopt;
}

ReadError ReadMinWordSize(const json::value& v, const std::string& path,
                          MinWordSizeForTyposPatch& out) {
  static constexpr std::array<std::string_view, 2> kKeys = {"oneTypo", "twoTypos"};
  ReadError e = ReadObject(
      v, path, kKeys,
      [&](std::string_view key, const json::value& m, const std::string& p) -> ReadError {
        return ReadSetting(m, p, key == "oneTypo" ? out.one_typo : out.two_typos, ReadU8);
      });
  if (e) return e;
  if (out.one_typo.is_set() && out.two_typos.is_set() && out.one_typo.value > out.two_typos.value) {
    return UnexpectedMessage(
        path,
        "`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should "
        "be between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` "
        "but found `oneTypo: " +
            std::to_string(out.one_typo.value) +
            "` and twoTypos: " + std::to_string(out.two_typos.value) + "`.");
  }
  return std::nullopt;
}

ReadError ReadTypoTolerance(const json::value& v, const std::string& path,
                            TypoTolerancePatch& out) {
  static constexpr std::array<std::string_view, 5> kKeys = {"enabled", "minWordSizeForTypos",
                                                            "disableOnWords", "disableOnAttributes",
                                                            "disableOnNumbers"};
  return ReadObject(
      v, path, kKeys,
      [&](std::string_view key, const json::value& m, const std::string& p) -> ReadError {
        if (key == "enabled") return ReadSetting(m, p, out.enabled, ReadBool);
        if (key == "minWordSizeForTypos") {
          return ReadSetting(m, p, out.min_word_size_for_typos, ReadMinWordSize);
        }
        if (key == "disableOnWords") return ReadSetting(m, p, out.disable_on_words, ReadStringSet);
        if (key == "disableOnAttributes") {
          return ReadSetting(m, p, out.disable_on_attributes, ReadStringSet);
        }
        return ReadSetting(m, p, out.disable_on_numbers, ReadBool);
      });
}

ReadError ReadFaceting(const json::value& v, const std::string& path, FacetingPatch& out) {
  static constexpr std::array<std::string_view, 2> kKeys = {"maxValuesPerFacet",
                                                            "sortFacetValuesBy"};
  return ReadObject(
      v, path, kKeys,
      [&](std::string_view key, const json::value& m, const std::string& p) -> ReadError {
        if (key == "maxValuesPerFacet") return ReadSetting(m, p, out.max_values_per_facet, ReadU64);
        return ReadSetting(
            m, p, out.sort_facet_values_by,
            [](const json::value& map, const std::string& mp,
               std::map<std::string, FacetValuesSort>& orders) -> ReadError {
              if (!map.is_object()) return InvalidTypeMessage(mp, {JsonKind::kObject}, map);
              for (const auto& entry : map.get_object()) {
                FacetValuesSort order{};
                if (ReadError e = ReadNamedEnum(entry.value(), mp + "." + std::string(entry.key()),
                                                order, kFacetValuesSortNames)) {
                  return e;
                }
                orders[std::string(entry.key())] = order;
              }
              return std::nullopt;
            });
      });
}

ReadError ReadPagination(const json::value& v, const std::string& path, PaginationPatch& out) {
  static constexpr std::array<std::string_view, 1> kKeys = {"maxTotalHits"};
  return ReadObject(v, path, kKeys,
                    [&](std::string_view, const json::value& m, const std::string& p) {
                      return ReadSetting(m, p, out.max_total_hits, ReadNonZeroU64);
                    });
}

ReadError ReadEmbedders(const json::value& v, const std::string& path,
                        std::map<std::string, Setting<json::object>>& out) {
  if (!v.is_object()) return InvalidTypeMessage(path, {JsonKind::kObject}, v);
  for (const auto& m : v.get_object()) {
    Setting<json::object> config;
    ReadError e =
        ReadSetting(m.value(), path + "." + std::string(m.key()), config,
                    [](const json::value& x, const std::string& p, json::object& o) -> ReadError {
                      if (!x.is_object()) return InvalidTypeMessage(p, {JsonKind::kObject}, x);
                      o = x.get_object();
                      return std::nullopt;
                    });
    if (e) return e;
    out[std::string(m.key())] = std::move(config);
  }
  return std::nullopt;
}

ReadError ReadLocalizedRule(const json::value& v, const std::string& path,
                            LocalizedAttributesRule& out) {
  static constexpr std::array<std::string_view, 2> kKeys = {"attributePatterns", "locales"};
  bool has_patterns = false, has_locales = false;
  ReadError e = ReadObject(
      v, path, kKeys,
      [&](std::string_view key, const json::value& m, const std::string& p) -> ReadError {
        if (key == "attributePatterns") {
          has_patterns = true;
          return ReadStringList(m, p, out.attribute_patterns);
        }
        has_locales = true;
        return ReadList(m, p, out.locales,
                        [](const json::value& x, const std::string& xp, std::string& locale) {
                          size_t index = 0;
                          if (ReadError le = ReadEnum(x, xp, AcceptedLocales(), index)) return le;
                          locale = std::string(AcceptedLocales()[index]);
                          return ReadError{};
                        });
      });
  if (e) return e;
  if (!has_patterns) return MissingFieldMessage(path, "attributePatterns");
  if (!has_locales) return MissingFieldMessage(path, "locales");
  return std::nullopt;
}

// --- the table ---------------------------------------------------------------

#define MYRIAD_FIELD(key, route, code, verb, member, reader)                       \
  FieldSpec {                                                                      \
    key, route, code, UpdateVerb::verb,                                            \
        [](const json::value& field_value, const std::string& field_path,          \
           SettingsPatch& field_patch) {                                           \
          return ReadSetting(field_value, field_path, field_patch.member, reader); \
        },                                                                         \
        [](SettingsPatch& field_patch) {                                           \
          field_patch.member = decltype(field_patch.member)::Reset();              \
        }                                                                          \
  }

const auto kStringList = [](const json::value& v, const std::string& p,
                            std::vector<std::string>& out) { return ReadStringList(v, p, out); };
const auto kStringSet = [](const json::value& v, const std::string& p, std::set<std::string>& out) {
  return ReadStringSet(v, p, out);
};

const std::array<FieldSpec, 20> kFields = {{
    MYRIAD_FIELD("displayedAttributes", "displayed-attributes",
                 "invalid_settings_displayed_attributes", kPut, displayed_attributes, kStringList),
    MYRIAD_FIELD("searchableAttributes", "searchable-attributes",
                 "invalid_settings_searchable_attributes", kPut, searchable_attributes,
                 kStringList),
    MYRIAD_FIELD(
        "filterableAttributes", "filterable-attributes", "invalid_settings_filterable_attributes",
        kPut, filterable_attributes,
        [](const json::value& v, const std::string& p, std::vector<FilterableAttributesRule>& out) {
          return ReadList(v, p, out, ReadFilterableRule);
        }),
    MYRIAD_FIELD("sortableAttributes", "sortable-attributes",
                 "invalid_settings_sortable_attributes", kPut, sortable_attributes, kStringSet),
    MYRIAD_FIELD("rankingRules", "ranking-rules", "invalid_settings_ranking_rules", kPut,
                 ranking_rules,
                 [](const json::value& v, const std::string& p, std::vector<RankingRule>& out) {
                   return ReadList(v, p, out, ReadRankingRule);
                 }),
    MYRIAD_FIELD("stopWords", "stop-words", "invalid_settings_stop_words", kPut, stop_words,
                 kStringSet),
    MYRIAD_FIELD("nonSeparatorTokens", "non-separator-tokens",
                 "invalid_settings_non_separator_tokens", kPut, non_separator_tokens, kStringSet),
    MYRIAD_FIELD("separatorTokens", "separator-tokens", "invalid_settings_separator_tokens", kPut,
                 separator_tokens, kStringSet),
    MYRIAD_FIELD("dictionary", "dictionary", "invalid_settings_dictionary", kPut, dictionary,
                 kStringSet),
    MYRIAD_FIELD("synonyms", "synonyms", "invalid_settings_synonyms", kPut, synonyms, ReadSynonyms),
    MYRIAD_FIELD("distinctAttribute", "distinct-attribute", "invalid_settings_distinct_attribute",
                 kPut, distinct_attribute, ReadString),
    MYRIAD_FIELD("proximityPrecision", "proximity-precision",
                 "invalid_settings_proximity_precision", kPut, proximity_precision,
                 [](const json::value& v, const std::string& p, ProximityPrecision& out) {
                   return ReadNamedEnum(v, p, out, kProximityPrecisionNames);
                 }),
    MYRIAD_FIELD("typoTolerance", "typo-tolerance", "invalid_settings_typo_tolerance", kPatch,
                 typo_tolerance, ReadTypoTolerance),
    MYRIAD_FIELD("faceting", "faceting", "invalid_settings_faceting", kPatch, faceting,
                 ReadFaceting),
    MYRIAD_FIELD("pagination", "pagination", "invalid_settings_pagination", kPatch, pagination,
                 ReadPagination),
    MYRIAD_FIELD("embedders", "embedders", "invalid_settings_embedders", kPatch, embedders,
                 ReadEmbedders),
    MYRIAD_FIELD("searchCutoffMs", "search-cutoff-ms", "invalid_settings_search_cutoff_ms", kPut,
                 search_cutoff_ms, ReadU64),
    MYRIAD_FIELD(
        "localizedAttributes", "localized-attributes", "invalid_settings_localized_attributes",
        kPut, localized_attributes,
        [](const json::value& v, const std::string& p, std::vector<LocalizedAttributesRule>& out) {
          return ReadList(v, p, out, ReadLocalizedRule);
        }),
    MYRIAD_FIELD("facetSearch", "facet-search", "invalid_settings_facet_search", kPut, facet_search,
                 ReadBool),
    MYRIAD_FIELD("prefixSearch", "prefix-search", "invalid_settings_prefix_search", kPut,
                 prefix_search,
                 [](const json::value& v, const std::string& p, PrefixSearch& out) {
                   return ReadNamedEnum(v, p, out, kPrefixSearchNames);
                 }),
}};

#undef MYRIAD_FIELD

}  // namespace

std::span<const FieldSpec> Fields() { return kFields; }

const FieldSpec* FindFieldByRoute(std::string_view route) {
  for (const FieldSpec& f : kFields) {
    if (f.route == route) return &f;
  }
  return nullptr;
}

const FieldSpec* FindFieldByKey(std::string_view key) {
  for (const FieldSpec& f : kFields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::span<const std::string_view> FieldKeys() {
  static const std::array<std::string_view, 20> keys = [] {
    std::array<std::string_view, 20> k{};
    for (size_t i = 0; i < kFields.size(); ++i) k[i] = kFields[i].key;
    return k;
  }();
  return keys;
}

std::string_view CanonicalLocale(std::string_view locale) {
  if (locale == "cmn") return "cmn";
  for (size_t i = 0; i < kLocaleCount; ++i) {
    if (kLocales[i].two == locale || kLocales[i].three == locale) return kLocales[i].three;
  }
  return "";
}

}  // namespace myriad::settings::internal
