#pragma once
// The threads a benchmark runs on: a task arena of a given size, optionally pinned to CPUs.

#include <functional>

namespace policysim::bench {

/// Runs `body` inside a task arena of `threads` threads (and a global_control of as many); when
/// `pin`, each thread that enters the arena is pinned to one CPU of the process's affinity mask
/// (slot i to the i-th CPU), and unpinned when it leaves.
void run_in_arena(int threads, bool pin, const std::function<void()>& body);

}  // namespace policysim::bench
