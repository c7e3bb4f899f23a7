#include "sim/scenario/value_reader.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"

namespace policysim::scenario {
namespace detail {

/// The scalar text, or a recorded problem when the node is not a single value.
const std::string* scalar_text(const YamlNode& node, Diagnostics& diagnostics,
                               std::string_view what, std::string_view expected) {
  if (node.is_scalar()) return &node.text;
  diagnostics.error(node.mark, "expected " + std::string(expected) + " for " + std::string(what) +
                                   ", got " + std::string(kind_name(node)));
  return nullptr;
}

/// The year of text shaped like a quarter (digits, optionally signed, then Q1..Q4), as written;
/// nothing for any other text.
std::optional<std::string> year_of_quarter_form(std::string_view text) {
  if (text.size() < 3) return std::nullopt;
  const char q = text[text.size() - 2], n = text.back();
  if ((q != 'Q' && q != 'q') || n < '1' || n > '4') return std::nullopt;
  const std::string_view year = text.substr(0, text.size() - 2);
  const std::string_view digits = year.front() == '-' ? year.substr(1) : year;
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::string(year);
}

std::string quoted(std::string_view text) {
  // Appended piecewise: "`" + std::string(...) trips a false -Wrestrict in GCC 12.
  std::string out = "`";
  out.append(text);
  out += '`';
  return out;
}

}  // namespace detail

std::string format_number(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) return std::to_string(value);
  return std::string(buffer, end);
}

std::optional<double> read_number(const YamlNode& node, Diagnostics& diagnostics,
                                  std::string_view what) {
  const std::string* text = detail::scalar_text(node, diagnostics, what, "a number");
  if (!text) return std::nullopt;
  std::string_view digits = *text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      !std::isfinite(value)) {
    diagnostics.error(node.mark, "expected a number for " + std::string(what) + ", got " +
                                     detail::quoted(*text) + " (write e.g. 0.25 or -4)");
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_number_in(const YamlNode& node, Diagnostics& diagnostics,
                                     std::string_view what, double low, double high) {
  auto value = read_number(node, diagnostics, what);
  if (!value) return std::nullopt;
  if (*value < low || *value > high) {
    diagnostics.error(node.mark, std::string(what) + " is " + format_number(*value) +
                                     ", outside its valid range [" + format_number(low) + ", " +
                                     format_number(high) + "]");
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_probability(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what) {
  return read_number_in(node, diagnostics, what, 0.0, 1.0);
}

std::optional<std::uint64_t> read_count(const YamlNode& node, Diagnostics& diagnostics,
                                        std::string_view what, std::uint64_t minimum,
                                        std::uint64_t maximum) {
  const std::string* text = detail::scalar_text(node, diagnostics, what, "a whole number");
  if (!text) return std::nullopt;
  const std::string at_least =
      maximum == UINT64_MAX
          ? "a whole number >= " + std::to_string(minimum)
          : "a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum);
  if (!text->empty() && text->front() == '-') {
    diagnostics.error(node.mark, std::string(what) + " is " + *text + "; it must be " + at_least);
    return std::nullopt;
  }
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || error != std::errc{} || end != text->data() + text->size()) {
    diagnostics.error(node.mark, "expected " + at_least + " for " + std::string(what) + ", got " +
                                     detail::quoted(*text));
    return std::nullopt;
  }
  if (value < minimum || value > maximum) {
    diagnostics.error(node.mark, std::string(what) + " is " + *text + "; it must be " + at_least);
    return std::nullopt;
  }
  return value;
}

std::optional<bool> read_bool(const YamlNode& node, Diagnostics& diagnostics,
                              std::string_view what) {
  const std::string* text = detail::scalar_text(node, diagnostics, what, "true or false");
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  diagnostics.error(node.mark, "expected true or false for " + std::string(what) + ", got " +
                                   detail::quoted(*text));
  return std::nullopt;
}

std::optional<std::string> read_string(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what) {
  const std::string* text = detail::scalar_text(node, diagnostics, what, "a text value");
  if (!text) return std::nullopt;
  if (text->empty()) {
    diagnostics.error(node.mark, std::string(what) + " is empty; give a value");
    return std::nullopt;
  }
  return *text;
}

std::optional<core::Quarter> read_quarter(const YamlNode& node, Diagnostics& diagnostics,
                                          std::string_view what) {
  const std::string* text = detail::scalar_text(node, diagnostics, what, "a quarter (YYYYQn)");
  if (!text) return std::nullopt;
  if (auto quarter = core::Quarter::try_parse(*text)) return quarter;
  if (auto year = detail::year_of_quarter_form(*text)) {
    diagnostics.error(node.mark, std::string(what) + " is " + detail::quoted(*text) + ": year " +
                                     *year + " is outside the valid years " +
                                     std::to_string(core::Quarter::kFirstYear) + " to " +
                                     std::to_string(core::Quarter::kLastYear));
    return std::nullopt;
  }
  diagnostics.error(node.mark, std::string(what) + " is " + detail::quoted(*text) +
                                   ", not a quarter: expected YYYYQn with n in 1..4, e.g. 2003Q4");
  return std::nullopt;
}

std::optional<std::size_t> read_choice(const YamlNode& node, Diagnostics& diagnostics,
                                       std::string_view what,
                                       std::span<const std::string_view> choices) {
  std::vector<std::string> names(choices.begin(), choices.end());
  const std::string* text =
      detail::scalar_text(node, diagnostics, what, "one of " + join_names(names));
  if (!text) return std::nullopt;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == *text) return i;
  }
  diagnostics.error(node.mark, unknown_name_message(what, *text, names, "values"));
  return std::nullopt;
}

}  // namespace policysim::scenario
