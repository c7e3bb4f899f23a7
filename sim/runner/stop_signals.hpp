#pragma once
// SIGINT, SIGTERM and SIGHUP during `policysim run` and `compare`: the first asks the work to
// stop (no new run starts, the runs in flight finish and are stored, the database is committed);
// a second ends the process at once, which loses only the runs not yet committed, since the
// database commits runs whole.

namespace policysim::runner {

/// While it lives, SIGINT, SIGTERM and SIGHUP set the stop request instead of ending the
/// process; a second such signal ends it as the signal's default action does. A signal ignored
/// when it is made (nohup's SIGHUP) stays ignored. The previous handlers come back, and the
/// request is cleared, when it goes. One at a time.
class StopOnSignals {
 public:
  StopOnSignals();
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
};

/// The signal that asked the work to stop, or 0 when none has.
int stop_signal();

/// The exit status of a command stopped by `signal`: 128 + its number, as a shell reports a
/// process the signal ended (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
int stopped_exit_code(int signal);

/// "SIGINT", "SIGTERM", "SIGHUP" (or "a signal").
const char* signal_name(int signal);

}  // namespace policysim::runner
