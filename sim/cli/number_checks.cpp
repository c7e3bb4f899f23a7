#include "sim/cli/number_checks.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace policysim::cli {

CLI::Validator whole_number(std::uint64_t least, std::uint64_t most, const std::string& note) {
  std::string allowed =
      "a whole number from " + std::to_string(least) + " to " + std::to_string(most);
  if (!note.empty()) allowed += " (" + note + ")";
  return CLI::Validator(
      [least, most, allowed](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc{} && stop == end && value >= least && value <= most) return {};
        return "'" + text + "' is not allowed: give " + allowed;
      },
      "", "whole number");
}

CLI::Validator number_above_zero() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0.0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc{} && stop == end && std::isfinite(value) && value > 0.0) return {};
        return "'" + text + "' is not allowed: give a number above 0";
      },
      "", "number above zero");
}

}  // namespace policysim::cli
