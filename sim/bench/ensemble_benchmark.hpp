#pragma once
// The ensemble workload: replications of a scenario written to a results database, next to the
// reference kernels on the scenario's network.

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "sim/bench/reference_kernels.hpp"
#include "sim/bench/timings.hpp"

namespace policysim::bench {

/// `replications` runs of a scenario (the baseline: 83 regions, 64 quarters), national series
/// (unless not asked), events and outcomes written to a fresh results database in a temporary
/// directory, replications in parallel. One parse and country, one Simulation per worker reused
/// across its runs.
struct EnsembleOptions {
  std::filesystem::path scenario_file;
  int replications = 200;
  int repeats = 5;
  int threads = 1;
  bool pin = true;
  std::uint64_t seed = 20120101;
  /// Whether runs are stored with their national series, as `policysim run` stores them; without,
  /// only outcomes and events, as `policysim sweep` stores them unless asked.
  bool series = true;
};
struct EnsembleResult {
  int replications = 0, threads = 0, ticks = 0;
  bool series = true;  ///< whether the runs were stored with their national series
  std::size_t regions = 0;
  Timings seconds;  ///< the whole ensemble, database writes included
  /// Per repeat, the workers' seconds in handing runs to the writer (writing a batch when it is
  /// full, waits for the database included) and the final batches, commit and close.
  Timings write_seconds;
  /// Per repeat, the CPU time of the threads in writing batches and in the final commit and
  /// close (thread_cpu_seconds: no waits, no preemption), and in all of their work (runs and
  /// writes).
  Timings write_cpu_seconds;
  Timings worker_cpu_seconds;
  ReferenceTimings reference;  ///< SpMM on the scenario's network, triad of 2^22 doubles
  std::uint64_t hash = 0;      ///< series and outcomes of every run, in replicate order
  bool hash_stable = true;     ///< every repeat gave the same hash
  double runs_per_second() const;
  /// Median seconds of one run over the median of `ticks` SpMMs on the same network.
  double ratio_to_spmm() const;
  /// The share of the workers' time (wall time × threads) spent writing, medians. Writes are
  /// serialised, so at 1 thread its inverse is about how many workers one writer keeps up with.
  double write_share() const;
  /// The writing threads' CPU time over the workers' CPU time, medians: the writer's cost on a
  /// loaded machine, where write_share() also counts the time other processes took the writer.
  double write_cpu_share() const;
};
EnsembleResult run_ensemble_benchmark(const EnsembleOptions& options);

}  // namespace policysim::bench
