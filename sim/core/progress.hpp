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
