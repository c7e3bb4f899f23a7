#pragma once
// Suggestions for misspelt names: edit distance and the closest valid name.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policysim::scenario {

/// Levenshtein distance (insertions, deletions, substitutions each cost 1), case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, if one is close enough to be a plausible typo or a prefix.
std::optional<std::string> closest_name(std::string_view name,
                                        std::span<const std::string> candidates);

/// The `name` of each item (donors, interventions...): the candidates of a suggestion.
template <class Item>
std::vector<std::string> names_of(const std::vector<Item>& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

/// "a, b, c": candidates joined for an error message.
std::string join_names(std::span<const std::string> names);

/// "; did you mean `x`?" or "" when nothing is close.
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates);

/// "unknown <what> `name` in `<where>`; did you mean `x`? valid <plural>: a, b, c" (the
/// suggestion only when one is close, the place only when `where` is not empty).
std::string unknown_name_message(std::string_view what, std::string_view name,
                                 std::span<const std::string> candidates, std::string_view plural,
                                 std::string_view where = {});

}  // namespace policysim::scenario
