#pragma once
// Typed values from YAML scalars. Each reader records a problem in Diagnostics and returns nothing
// when the value is missing, of the wrong type or out of range, so a caller can carry on and
// report every problem of a file at once. `what` names the value in messages ("`gamma`",
// "`intensity` of intervention `tour`").

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/core/quarter.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario {

/// A finite number.
std::optional<double> read_number(const YamlNode& node, Diagnostics& diagnostics,
                                  std::string_view what);
/// A finite number in [low, high].
std::optional<double> read_number_in(const YamlNode& node, Diagnostics& diagnostics,
                                     std::string_view what, double low, double high);
/// A probability or share in [0, 1].
std::optional<double> read_probability(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what);
/// A whole number in [minimum, maximum] (a count, a seed).
std::optional<std::uint64_t> read_count(const YamlNode& node, Diagnostics& diagnostics,
                                        std::string_view what, std::uint64_t minimum = 0,
                                        std::uint64_t maximum = UINT64_MAX);
/// true or false.
std::optional<bool> read_bool(const YamlNode& node, Diagnostics& diagnostics,
                              std::string_view what);
/// A non-empty single value, as text.
std::optional<std::string> read_string(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what);
/// A quarter written YYYYQn.
std::optional<core::Quarter> read_quarter(const YamlNode& node, Diagnostics& diagnostics,
                                          std::string_view what);
/// One of `choices`, as its index; a near miss gets a suggestion.
std::optional<std::size_t> read_choice(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what,
                                       std::span<const std::string_view> choices);

/// Shortest text that reads back as the same double: for messages and summaries.
std::string format_number(double value);

}  // namespace policysim::scenario
