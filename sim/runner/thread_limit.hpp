#pragma once
// The -j/--threads of `policysim run` and `policysim compare`: oneTBB's worker threads capped for
// the lifetime of a command.

#include <tbb/global_control.h>

#include <optional>

namespace policysim::runner {

/// Caps oneTBB's parallelism at `threads` while it lives; 0 leaves every core in use.
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  /// The threads asked for, or the machine's cores when none were.
  int threads() const;

 private:
  int requested_;
  std::optional<tbb::global_control> limit_;
};

}  // namespace policysim::runner
