#pragma once
// Who and when: the host, this process's command line and the time, as manifests and the results
// folder's lock record them; and how much CPU time the calling thread has used.

#include <string>

namespace policysim::core {

/// The host name, or "unknown".
std::string host_name();

/// This process's command line, its arguments joined by spaces.
std::string command_line();

/// The current UTC time as ISO 8601 (2026-11-28T17:36:18Z).
std::string utc_now();

/// CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID): what it spent itself, not
/// its waits nor the time other processes took its core, so a cost on a loaded machine.
double thread_cpu_seconds();

}  // namespace policysim::core
