#include "sim/runner/stop_signals.hpp"

#include <atomic>
#include <csignal>

namespace policysim::runner {
namespace {

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

// Written by the handler, read by the run loop: a lock-free atomic is safe in a handler.
std::atomic<int> requested_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

struct sigaction previous_actions[std::size(kStopSignals)];

extern "C" void on_stop_signal(int signal) {
  int none = 0;
  if (requested_signal.compare_exchange_strong(none, signal)) return;
  // The second signal: end now, as if no handler had been set. The signal is blocked while this
  // handler runs, so it is delivered, with its default action, as the handler returns.
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

StopOnSignals::StopOnSignals() {
  requested_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // Interrupted reads and writes (SQLite's among them) resume rather than fail.
  action.sa_flags = SA_RESTART;
  for (std::size_t i = 0; i < std::size(kStopSignals); ++i) {
    sigaction(kStopSignals[i], nullptr, &previous_actions[i]);
    // A signal ignored when we started stays ignored: `nohup` ignores SIGHUP, a shell ignores
    // SIGINT for a command it runs in the background, and they mean it.
    if (previous_actions[i].sa_handler == SIG_IGN) continue;
    sigaction(kStopSignals[i], &action, nullptr);
  }
}

StopOnSignals::~StopOnSignals() {
  for (std::size_t i = 0; i < std::size(kStopSignals); ++i) {
    sigaction(kStopSignals[i], &previous_actions[i], nullptr);
  }
  requested_signal = 0;
}

int stop_signal() { return requested_signal.load(std::memory_order_relaxed); }

int stopped_exit_code(int signal) { return 128 + signal; }

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "a signal";
  }
}

}  // namespace policysim::runner
