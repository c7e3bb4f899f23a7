#pragma once
// Errors in scenario and region files. Each one names the file, the 1-based line and column, what
// was expected and how to fix it. A file with several problems raises one ScenarioError that holds
// all of them, so a user fixes a scenario in one pass rather than one error per run.

#include <stdexcept>
#include <string>
#include <vector>

namespace policysim::scenario {

/// A 1-based position in a file; 0 means unknown (e.g. the file could not be read at all).
struct Mark {
  int line = 0;
  int column = 0;
};

/// One problem at one place.
struct Diagnostic {
  std::string file;
  Mark mark;
  std::string message;
  /// "file:line:column: message" (line and column left out when unknown).
  std::string str() const;
};

/// A scenario or data file that cannot be used; what() lists every problem, one per line.
class ScenarioError : public std::runtime_error {
 public:
  /// Requires at least one diagnostic.
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  ScenarioError(std::string file, Mark mark, std::string message);

  /// Every problem found, in file order.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// The first problem's file, line, column and message.
  const std::string& file() const { return diagnostics_.front().file; }
  int line() const { return diagnostics_.front().mark.line; }
  int column() const { return diagnostics_.front().mark.column; }
  const std::string& message() const { return diagnostics_.front().message; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Collects the problems of one file so that reading can go on after the first.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  /// Records a problem at `mark`.
  void error(Mark mark, std::string message);
  /// True when nothing has been recorded.
  bool empty() const { return diagnostics_.empty(); }
  std::size_t count() const { return diagnostics_.size(); }
  const std::string& file() const { return file_; }
  /// Throws one ScenarioError holding every recorded problem, sorted by position; no-op if none.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace policysim::scenario
