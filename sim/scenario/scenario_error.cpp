#include "sim/scenario/scenario_error.hpp"

#include <algorithm>
#include <utility>

namespace policysim::scenario {
namespace detail {

std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics, std::size_t omitted) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.str();
  }
  if (omitted > 0 && !diagnostics.empty()) {
    text += '\n';
    text += Diagnostic{diagnostics.front().file,
                       {},
                       "... and " + std::to_string(omitted) +
                           " more problems of the same file; fix the ones above and check "
                           "the file again"}
                .str();
  }
  return text;
}

bool before(const Diagnostic& a, const Diagnostic& b) {
  return std::pair(a.mark.line, a.mark.column) < std::pair(b.mark.line, b.mark.column);
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

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics, std::size_t omitted)
    : std::runtime_error(detail::join_diagnostics(diagnostics, omitted)),
      diagnostics_(std::move(diagnostics)),
      omitted_(omitted) {
  if (diagnostics_.empty()) diagnostics_.push_back({"", {}, "unknown scenario error"});
}

ScenarioError::ScenarioError(std::string file, Mark mark, std::string message)
    : ScenarioError(std::vector<Diagnostic>{{std::move(file), mark, std::move(message)}}) {}

void Diagnostics::error(Mark mark, std::string message) {
  ++count_;
  kept_.push_back({file_, mark, std::move(message)});
  // Trimming only when twice the limit is reached keeps the cost of each error constant.
  if (kept_.size() >= 2 * kMaxReportedProblems) keep_first();
}

void Diagnostics::warning(Mark mark, std::string message) {
  if (warnings_.size() < kMaxReportedProblems) {
    warnings_.push_back({file_, mark, "warning: " + std::move(message)});
  }
}

void Diagnostics::keep_first() {
  // Stable: problems at the same place keep the order in which they were found (those kept from
  // an earlier trim were found before the ones added since).
  std::stable_sort(kept_.begin(), kept_.end(), detail::before);
  if (kept_.size() > kMaxReportedProblems) kept_.resize(kMaxReportedProblems);
}

void Diagnostics::throw_if_any() {
  if (count_ == 0) return;
  keep_first();
  throw ScenarioError(kept_, count_ - kept_.size());
}

}  // namespace policysim::scenario
