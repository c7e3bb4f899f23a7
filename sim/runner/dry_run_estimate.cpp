#include "sim/runner/dry_run_estimate.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>

#include "sim/core/duration_text.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/seeds.hpp"

namespace policysim::runner {

void print_estimates(std::ostream& out, const model::Config& config, const model::Country& country,
                     std::uint64_t seed, std::size_t runs, int threads,
                     const MemoryEstimate& memory) {
  model::Simulation simulation(config, country);
  const auto started = std::chrono::steady_clock::now();
  simulation.run(replicate_seed(seed, 0), {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // A thread runs whole runs, and threads beyond the runs have none to do.
  const std::size_t busy =
      std::max<std::size_t>(1, std::min(static_cast<std::size_t>(std::max(threads, 1)), runs));
  const std::size_t rounds = (runs + busy - 1) / busy;
  out << "estimate: " << core::duration_text(seconds) << " per run, about "
      << core::duration_text(seconds * static_cast<double>(rounds)) << " on " << busy
      << (busy == 1 ? " thread" : " threads");
  if (busy < static_cast<std::size_t>(threads)) {
    out << " (of the " << threads << " asked for, the others would have no run to do)";
  }
  out << '\n';
  out << "memory: about " << format_bytes(memory.total_bytes())
      << " beyond the program itself: " << memory_breakdown(memory) << '\n';
}

}  // namespace policysim::runner
