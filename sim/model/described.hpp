#pragma once
// A table of named quantities: each row gives an enumerator its stored name, its unit and what it
// means. A table lists its enum's enumerators in order, which `is_table_of` checks at compile
// time, so that an enumerator's position is its row, and its column in a stored row.

#include <array>
#include <cstddef>
#include <string_view>

namespace policysim::model {

/// One row of a table of named quantities.
template <class Enum>
struct Described {
  Enum id;                       ///< the enumerator
  std::string_view name;         ///< the name stored and shown (a column name, an event kind)
  std::string_view unit;         ///< the unit of the value; empty where none applies
  std::string_view description;  ///< what the value is, as a short phrase fit for an axis label
};

/// Whether `table` lists every enumerator of Enum (which ends with `count`) once, in order.
template <class Enum, std::size_t N>
constexpr bool is_table_of(const std::array<Described<Enum>, N>& table) {
  if (N != static_cast<std::size_t>(Enum::count)) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].id) != i || table[i].name.empty()) return false;
  }
  return true;
}

/// The names of `table`, in its order.
template <class Enum, std::size_t N>
constexpr std::array<std::string_view, N> names_of(const std::array<Described<Enum>, N>& table) {
  std::array<std::string_view, N> names{};
  for (std::size_t i = 0; i < N; ++i) names[i] = table[i].name;
  return names;
}

}  // namespace policysim::model
