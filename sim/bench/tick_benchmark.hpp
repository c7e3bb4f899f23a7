#pragma once
// The tick workload: single ticks of synthetic countries, next to the reference kernels on the
// same network.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/bench/reference_kernels.hpp"
#include "sim/bench/timings.hpp"

namespace policysim::bench {

/// One tick (all phases, with interventions active, the law in force and cases drawn) of a
/// synthetic country of `regions` regions, about two NGOs per region and six to ten land
/// neighbours per region.
struct TickOptions {
  std::size_t regions = 1000;
  int ticks = 8;    ///< timed ticks per repeat (after one untimed warm-up tick)
  int repeats = 3;  ///< runs (resets) per measurement
  int threads = 1;
  bool pin = true;
  std::uint64_t seed = 7;
};
struct TickResult {
  std::size_t regions = 0, ngos = 0, edges = 0;  ///< edges: nonzeros of the combined network
  int threads = 0;
  Timings tick_seconds;  ///< one sample per timed tick
  /// Wall time of each phase of model::tick_phases(), summed over the timed ticks.
  std::vector<double> phase_seconds;
  ReferenceTimings reference;
  std::uint64_t hash = 0;  ///< state after the last tick and every series row, last repeat
  bool hash_stable = true;
  std::size_t rss_before_bytes = 0;  ///< before the country was generated
  std::size_t rss_model_bytes = 0;   ///< after the ticks, the country freed, minus rss_before
  std::size_t peak_rss_bytes = 0;    ///< peak of the process
  double region_ticks_per_second() const;
  double ns_per_region_tick() const;
  double ratio_to_spmm() const;   ///< median tick over median SpMM
  double ratio_to_triad() const;  ///< median tick over median triad of `regions` doubles
  /// Milliseconds a timed tick spent in phase i, on average.
  double phase_ms(std::size_t i) const;
};
TickResult run_tick_benchmark(const TickOptions& options);

}  // namespace policysim::bench
