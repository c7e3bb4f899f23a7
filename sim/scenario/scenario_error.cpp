#include "sim/scenario/scenario_error.hpp"

#include <algorithm>
#include <tuple>
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
  // A variant's problems can lie in the files it extends: its own first, each file's in line
  // order (the marks of one Diagnostics number the files alike).
  return std::tuple(a.mark.file, a.mark.line, a.mark.column) <
         std::tuple(b.mark.file, b.mark.line, b.mark.column);
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

int Diagnostics::file_number(const std::string& file) {
  const auto known = std::find(files_.begin(), files_.end(), file);
  if (known != files_.end()) return static_cast<int>(known - files_.begin());
  files_.push_back(file);
  return static_cast<int>(files_.size()) - 1;
}

const std::string& Diagnostics::file_of(Mark mark) const {
  return mark.file > 0 && static_cast<std::size_t>(mark.file) < files_.size()
             ? files_[static_cast<std::size_t>(mark.file)]
             : file_;
}

void Diagnostics::error(Mark mark, std::string message) {
  ++count_;
  kept_.push_back({file_of(mark), mark, std::move(message)});
  // Trimming only when twice the limit is reached keeps the cost of each error constant.
  if (kept_.size() >= 2 * kMaxReportedProblems) keep_first();
}

void Diagnostics::warning(Mark mark, std::string message) {
  if (warnings_.size() < kMaxReportedProblems) {
    warnings_.push_back({file_of(mark), mark, "warning: " + std::move(message)});
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
