// Setting<T>: one key of a settings update, in one of three states, as
// Meilisearch's milli::update::Setting: absent from the request (NotSet),
// JSON null = back to the default (Reset), or a new value (Set).
//
// Thread safety: a value type.
#pragma once

#include <cstdint>
#include <utility>

namespace myriad::settings {

template <typename T>
struct Setting {
  enum class State : std::uint8_t { kNotSet, kReset, kSet };

  State state = State::kNotSet;
  T value{};  // meaningful only when is_set()

  static Setting Reset() {
    Setting s;
    s.state = State::kReset;
    return s;
  }
  static Setting Set(T v) {
    Setting s;
    s.state = State::kSet;
    s.value = std::move(v);
    return s;
  }

  bool is_not_set() const { return state == State::kNotSet; }
  bool is_reset() const { return state == State::kReset; }
  bool is_set() const { return state == State::kSet; }

  friend bool operator==(const Setting&, const Setting&) = default;
};

}  // namespace myriad::settings
