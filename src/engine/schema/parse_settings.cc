#include "engine/schema/parse_settings.h"

#include <string>

#include "engine/schema/json_error_messages.h"
#include "engine/schema/settings_fields.h"

namespace myriad::settings {
namespace {

// Meilisearch validates this after deserializing the whole request.
std::optional<SettingsError> CheckRankingRulesMix(const SettingsPatch& patch) {
  if (!patch.ranking_rules.is_set()) return std::nullopt;
  bool attribute = false, split = false;
  for (const RankingRule& r : patch.ranking_rules.value) {
    attribute |= r.kind == RankingRule::Kind::kAttribute;
    split |=
        r.kind == RankingRule::Kind::kAttributeRank || r.kind == RankingRule::Kind::kWordPosition;
  }
  if (!(attribute && split)) return std::nullopt;
  return SettingsError{"invalid_settings_ranking_rules",
                       "Mixed usage of the attribute, attributeRank, and wordPosition ranking "
                       "rules. You must either use the attribute ranking rule alone or the "
                       "attributeRank and wordPosition ranking rules."};
}

}  // namespace

std::variant<SettingsPatch, SettingsError> ParseSettingsPatch(const boost::json::value& body) {
  if (!body.is_object()) {
    return SettingsError{"bad_request", InvalidTypeMessage("", {JsonKind::kObject}, body)};
  }
  SettingsPatch patch;
  for (const auto& member : body.get_object()) {
    const internal::FieldSpec* field = internal::FindFieldByKey(member.key());
    if (field == nullptr) {
      return SettingsError{"bad_request",
                           UnknownFieldMessage("", member.key(), internal::FieldKeys())};
    }
    if (auto e = field->parse(member.value(), "." + std::string(member.key()), patch)) {
      return SettingsError{std::string(field->code), std::move(*e)};
    }
  }
  if (auto e = CheckRankingRulesMix(patch)) return *e;
  return patch;
}

std::variant<SettingsPatch, SettingsError> ParseSubRoute(std::string_view route_name,
                                                         const boost::json::value& body) {
  const internal::FieldSpec* field = internal::FindFieldByRoute(route_name);
  if (field == nullptr) {
    return SettingsError{"bad_request",
                         "Unknown settings sub-route `" + std::string(route_name) + "`."};
  }
  SettingsPatch patch;
  if (auto e = field->parse(body, "", patch)) {
    return SettingsError{std::string(field->code), std::move(*e)};
  }
  if (auto e = CheckRankingRulesMix(patch)) return *e;
  return patch;
}

SettingsPatch ResetSubRoutePatch(std::string_view route_name) {
  SettingsPatch patch;
  if (const internal::FieldSpec* field = internal::FindFieldByRoute(route_name)) {
    field->reset(patch);
  }
  return patch;
}

SettingsPatch ResetAllPatch() {
  SettingsPatch patch;
  for (const internal::FieldSpec& field : internal::Fields()) field.reset(patch);
  return patch;
}

}  // namespace myriad::settings
