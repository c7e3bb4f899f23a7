#include "sim/scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace policysim::scenario {
namespace detail {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace detail

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Two rows of the dynamic programme are enough.
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_name(std::string_view name,
                                        std::span<const std::string> candidates) {
  const std::string wanted = detail::lower(name);
  std::optional<std::string> best;
  std::size_t best_distance = 0, best_raw = 0;
  for (const auto& candidate : candidates) {
    const std::string c = detail::lower(candidate);
    const std::size_t raw = edit_distance(wanted, c);
    std::size_t distance = raw;
    // A truncated name (`beta_resist` for `beta_resistance`) is a likely intent even when the
    // edit distance is large, so a prefix match counts as close; ties go to the smaller raw
    // distance.
    if (wanted.size() >= 3 && (c.starts_with(wanted) || wanted.starts_with(c))) {
      distance = std::min<std::size_t>(distance, 1);
    }
    if (!best || std::pair(distance, raw) < std::pair(best_distance, best_raw)) {
      best = candidate;
      best_distance = distance;
      best_raw = raw;
    }
  }
  // Beyond about a third of the name's length a suggestion is more confusing than helpful.
  const std::size_t limit = std::max<std::size_t>(2, (name.size() + 2) / 3);
  if (!best || best_distance > limit) return std::nullopt;
  return best;
}

std::string join_names(std::span<const std::string> names) {
  std::string text;
  for (const auto& n : names) {
    if (!text.empty()) text += ", ";
    text += n;
  }
  return text;
}

std::string did_you_mean(std::string_view name, std::span<const std::string> candidates) {
  if (auto best = closest_name(name, candidates)) return "; did you mean `" + *best + "`?";
  return "";
}

std::string unknown_name_message(std::string_view what, std::string_view name,
                                 std::span<const std::string> candidates, std::string_view plural,
                                 std::string_view where) {
  std::string text = "unknown " + std::string(what) + " `" + std::string(name) + "`";
  // A bare key path (`parameters.beta0`) is quoted here; a phrase that quotes its own name
  // (intervention `x`) is taken as written.
  if (!where.empty()) {
    const bool quoted = where.find('`') != std::string_view::npos;
    text += quoted ? " in " + std::string(where) : " in `" + std::string(where) + "`";
  }
  const std::string suggestion = did_you_mean(name, candidates);
  text += suggestion.empty() ? ";" : suggestion;
  // Each name once, in the order given: a list may hold a name twice when its file repeats one
  // (that repetition is reported where it happens).
  std::vector<std::string> distinct;
  for (const auto& candidate : candidates) {
    if (std::find(distinct.begin(), distinct.end(), candidate) == distinct.end()) {
      distinct.push_back(candidate);
    }
  }
  return text + " valid " + std::string(plural) + ": " + join_names(distinct);
}

}  // namespace policysim::scenario
