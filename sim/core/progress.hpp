#pragma once
// Progress on stderr: a bar that redraws in place when stderr is a terminal, plain lines at most
// every few seconds otherwise (logs stay readable). Safe to advance from many threads.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace policysim::core {

/// One progress line: "runs 40/100 (40%) 12.0 s, about 18 s left". The time left assumes the
/// rest goes at the pace so far, and is left out before anything is done and in the final line.
/// Nothing to do (total 0, e.g. every run reused) reads "runs: none to do".
std::string progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                          double elapsed_seconds, bool final);

class Progress {
 public:
  /// Reports on `out` (stderr by default); `interactive` defaults to isatty(stderr).
  Progress(std::string label, std::uint64_t total);
  Progress(std::string label, std::uint64_t total, std::ostream& out, bool interactive,
           std::chrono::milliseconds min_interval);
  ~Progress();

  void advance(std::uint64_t done = 1);
  void finish();
  std::uint64_t done() const { return done_.load(); }

 private:
  void draw(std::uint64_t done, bool final);

  std::string label_;
  std::uint64_t total_;
  std::ostream& out_;
  bool interactive_;
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex draw_mutex_;
  bool finished_ = false;
};

}  // namespace policysim::core
