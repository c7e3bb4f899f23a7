#pragma once
// The one exception type of the results store. It carries the exit code the command line should
// use (sysexits), so that callers need not guess from the message what kind of failure it was.

#include <stdexcept>
#include <string>

#include "sim/core/exit_codes.hpp"

namespace policysim::store {

/// A results-store failure, with the process exit code that fits it.
class StoreError : public std::runtime_error {
 public:
  /// The exit codes a store failure can have (core/exit_codes.hpp), named as kinds of failure.
  static constexpr int missing_input = core::kMissingInput;         // NOLINT: a kind of failure
  static constexpr int internal_error = core::kInternal;            // NOLINT: a kind of failure
  static constexpr int cannot_create_output = core::kCannotCreate;  // NOLINT: a kind of failure
  static constexpr int io_error = core::kIoError;                   // NOLINT: a kind of failure

  /// An error with `message` and the exit code the process should end with.
  StoreError(const std::string& message, int exit_code)
      : std::runtime_error(message), exit_code_(exit_code) {}

  /// The sysexits code that describes this failure.
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace policysim::store
