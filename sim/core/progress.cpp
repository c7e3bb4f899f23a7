#include "sim/core/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "sim/core/duration_text.hpp"

namespace policysim::core {

Progress::Progress(std::string label, std::uint64_t total)
    : Progress(std::move(label), total, std::cerr, isatty(STDERR_FILENO) == 1,
               std::chrono::milliseconds(isatty(STDERR_FILENO) == 1 ? 100 : 5000)) {}

Progress::Progress(std::string label, std::uint64_t total, std::ostream& out, bool interactive,
                   std::chrono::milliseconds min_interval)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      interactive_(interactive),
      min_interval_(min_interval),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance(std::uint64_t done) {
  const std::uint64_t now_done = done_.fetch_add(done) + done;
  const auto now = std::chrono::steady_clock::now();
  // Only one thread draws; the others carry on rather than wait for the terminal.
  std::unique_lock lock(draw_mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  if (now - last_draw_ < min_interval_) return;
  last_draw_ = now;
  draw(now_done, false);
}

void Progress::finish() {
  std::lock_guard lock(draw_mutex_);
  if (finished_) return;
  finished_ = true;
  draw(done_.load(), true);
}

std::string progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                          double elapsed_seconds, bool final) {
  if (total == 0) return label + ": none to do";
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  std::ostringstream line;
  line << label << ' ' << done << '/' << total << " (" << std::fixed << std::setprecision(0)
       << 100.0 * fraction << "%) " << std::setprecision(1) << elapsed_seconds << " s";
  if (!final && done > 0 && done < total) {
    const double left =
        elapsed_seconds * static_cast<double>(total - done) / static_cast<double>(done);
    line << ", about " << duration_text(left) << " left";
  }
  return line.str();
}

void Progress::draw(std::uint64_t done, bool final) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::string line = progress_line(label_, done, total_, seconds, final);
  if (interactive_) {
    constexpr int kWidth = 30;
    const double fraction =
        total_ == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total_);
    const int filled = static_cast<int>(fraction * kWidth);
    // Padded so that a shorter line (the time left gone) leaves nothing of the longer one.
    out_ << '\r' << '[' << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << line << "\x1b[K"
         << (final ? "\n" : "") << std::flush;
  } else {
    out_ << line << '\n' << std::flush;
  }
}

}  // namespace policysim::core
