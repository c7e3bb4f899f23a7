#pragma once
// The one exception type of the results store. It carries the exit code the command line should
// use (sysexits), so that callers need not guess from the message what kind of failure it was.

#include <stdexcept>
#include <string>

namespace policysim::store {

/// A results-store failure, with the process exit code that fits it.
class StoreError : public std::runtime_error {
 public:
  /// Exit codes from sysexits.h, as the command line uses them.
  static constexpr int missing_input = 66;
  static constexpr int internal_error = 70;
  static constexpr int cannot_create_output = 73;
  static constexpr int io_error = 74;

  /// An error with `message` and the exit code the process should end with.
  StoreError(const std::string& message, int exit_code)
      : std::runtime_error(message), exit_code_(exit_code) {}

  /// The sysexits code that describes this failure.
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace policysim::store
