#include "sim/scenario/scenario_error.hpp"

#include <algorithm>
#include <utility>

namespace policysim::scenario {
namespace detail {

std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.str();
  }
  return text;
}

}  // namespace detail

std::string Diagnostic::str() const {
  std::string text = file;
  if (mark.line > 0) {
    text += ":";
    text += std::to_string(mark.line);
    if (mark.column > 0) {
      text += ":";
      text += std::to_string(mark.column);
    }
  }
  text += ": ";
  text += message;
  return text;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(detail::join_diagnostics(diagnostics)),
      diagnostics_(std::move(diagnostics)) {
  if (diagnostics_.empty()) diagnostics_.push_back({"", {}, "unknown scenario error"});
}

ScenarioError::ScenarioError(std::string file, Mark mark, std::string message)
    : ScenarioError(std::vector<Diagnostic>{{std::move(file), mark, std::move(message)}}) {}

void Diagnostics::error(Mark mark, std::string message) {
  diagnostics_.push_back({file_, mark, std::move(message)});
}

void Diagnostics::throw_if_any() const {
  if (diagnostics_.empty()) return;
  auto sorted = diagnostics_;
  // Stable: problems at the same place keep the order in which they were found.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.mark.line, a.mark.column) < std::pair(b.mark.line, b.mark.column);
  });
  throw ScenarioError(std::move(sorted));
}

}  // namespace policysim::scenario
