#pragma once
// Checks of numeric options whose messages say what is allowed (CLI11's own number checks print
// their range as doubles, up to 1.8e308, and let a negative seed wrap around).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace policysim::cli {

/// The largest count -j/--threads accepts.
inline constexpr std::uint64_t kMostThreads = 4096;

/// A whole number from `least` to `most`; `note`, when given, follows the range in the message
/// (e.g. "0: all cores").
CLI::Validator whole_number(std::uint64_t least, std::uint64_t most, const std::string& note = "");
/// A finite number above 0.
CLI::Validator number_above_zero();

}  // namespace policysim::cli
