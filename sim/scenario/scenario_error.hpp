#pragma once
// Errors in scenario and region files. Each one names the file, the 1-based line and column, what
// was expected and how to fix it. A file with several problems raises one ScenarioError that holds
// them, so a user fixes a scenario in one pass rather than one error per run. Only the first
// kMaxReportedProblems are kept and shown, with a count of the rest: a generated file with a
// hundred thousand bad keys must not produce megabytes of messages.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace policysim::scenario {

/// At most this many problems of one file are reported; the rest are counted.
inline constexpr std::size_t kMaxReportedProblems = 50;

/// A 1-based position in a file; 0 means unknown (e.g. the file could not be read at all).
struct Mark {
  int line = 0;
  int column = 0;
  /// Which file: 0 the one a Diagnostics reads, k > 0 its k-th other (one an `extends` chain
  /// brought nodes from; Diagnostics::file_number).
  int file = 0;
};

/// One problem at one place.
struct Diagnostic {
  std::string file;
  Mark mark;
  std::string message;
  /// "file:line:column: message" (line and column left out when unknown).
  std::string str() const;
};

/// A scenario or data file that cannot be used; what() lists the problems, one per line, then how
/// many more there are when some were left out.
class ScenarioError : public std::runtime_error {
 public:
  /// `diagnostics` are the problems shown (at least one); `omitted` counts those left out.
  explicit ScenarioError(std::vector<Diagnostic> diagnostics, std::size_t omitted = 0);
  ScenarioError(std::string file, Mark mark, std::string message);

  /// The problems shown, in file order: the first kMaxReportedProblems found.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// How many more problems the file has beyond those shown.
  std::size_t omitted() const { return omitted_; }
  /// The first problem's file, line, column and message.
  const std::string& file() const { return diagnostics_.front().file; }
  int line() const { return diagnostics_.front().mark.line; }
  int column() const { return diagnostics_.front().mark.column; }
  const std::string& message() const { return diagnostics_.front().message; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t omitted_ = 0;
};

/// An input file that does not exist or cannot be read (exit 66), as opposed to one that exists
/// and is wrong (exit 65). The diagnostic names the missing file, or the line that refers to it.
class MissingInputError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

/// Collects the problems of one file so that reading can go on after the first.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  /// Records a problem at `mark`.
  void error(Mark mark, std::string message);
  /// Records something that is allowed but probably not meant (the file is still used); the
  /// message is prefixed "warning: ". At most kMaxReportedProblems are kept.
  void warning(Mark mark, std::string message);
  /// The warnings recorded, in the order found.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  /// True when nothing has been recorded.
  bool empty() const { return count_ == 0; }
  /// Problems recorded, including those that will not be shown.
  std::size_t count() const { return count_; }
  const std::string& file() const { return file_; }
  /// The files marks may name (Mark::file), this one first.
  const std::vector<std::string>& files() const { return files_; }
  /// The number marks give `file`, added to files() when new.
  int file_number(const std::string& file);
  /// Throws one ScenarioError holding the first kMaxReportedProblems problems by position and
  /// the count of the rest; no-op if none.
  void throw_if_any();

 private:
  /// Sorts the kept problems by position and drops all but the first kMaxReportedProblems.
  void keep_first();

  /// The name a problem at `mark` is reported under.
  const std::string& file_of(Mark mark) const;

  std::string file_;
  std::vector<std::string> files_{file_};
  /// The problems that may yet be shown: memory stays bounded however many are recorded.
  std::vector<Diagnostic> kept_;
  std::size_t count_ = 0;
  std::vector<Diagnostic> warnings_;
};

}  // namespace policysim::scenario
