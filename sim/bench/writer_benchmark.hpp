#pragma once
// The results writer alone: a scenario's runs are computed first and kept, then written to a
// fresh results database again and again, back to back, as one writer busy with many workers
// writes them. The ensemble workload measures the same writes each right after its own run.

#include <cstdint>
#include <filesystem>

#include "sim/bench/timings.hpp"

namespace policysim::bench {

struct WriterOptions {
  std::filesystem::path scenario_file;
  int replications = 2000;
  int repeats = 5;
  std::uint64_t seed = 20120101;
  /// Whether runs are stored with their national series (`policysim run`), or only outcomes and
  /// events (`policysim sweep` unless asked).
  bool series = false;
};
struct WriterResult {
  int replications = 0;
  bool series = false;
  double compute_cpu_seconds = 0.0;  ///< CPU time to compute all the runs, once
  double events = 0.0;               ///< events a run, on average
  /// Per repeat, the CPU time to write all the runs, the final commit and close included.
  Timings write_cpu_seconds;
  std::uint64_t hash = 0;  ///< every run's outcomes, in replicate order
  /// The writer's share of a run's work, write / (compute + write), from the median repeat: one
  /// writer keeps up with about its inverse of workers.
  double write_cpu_share() const;
  double runs_written_per_second() const;  ///< from the median repeat's CPU time
};
WriterResult run_writer_benchmark(const WriterOptions& options);

}  // namespace policysim::bench
