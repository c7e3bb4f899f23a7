#pragma once
// What the machine a benchmark runs on offers and is doing: CPUs, load, resident memory (Linux:
// the affinity mask, /proc/self/statm, getrusage), and the context line every benchmark prints.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace policysim::bench {

/// CPUs this process may run on.
int available_cpus();
/// The load average over 1, 5 and 15 minutes, or -1s where the system does not tell.
std::array<double, 3> load_average();
/// Resident set size now and at its peak, in bytes.
std::size_t current_rss_bytes();
std::size_t peak_rss_bytes();

/// Commit, threads, CPUs, load average and processor: the context every benchmark prints first.
std::string benchmark_context(std::string_view workload, int threads);

}  // namespace policysim::bench
