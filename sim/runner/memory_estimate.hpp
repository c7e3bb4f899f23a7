#pragma once
// What a run or comparison will hold in memory, estimated before the country is built, so that a
// country too large for the machine is refused with a message rather than stopped by the kernel.
// The costs a region, an NGO and an NGO-tie link are measured (bench/RESULTS.md, "Memory").

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>

#include "sim/model/config.hpp"

namespace policysim::runner {

/// What one Simulation holds that grows with the scenario's parameters and interventions rather
/// than with its regions alone, at most.
struct ModelContents {
  double ngos = 0.0;       ///< NGOs: the default count of each region (rule 9) and the named ones
  double targets = 0.0;    ///< regions targeted, summed over the interventions
  double tie_links = 0.0;  ///< inter-regional NGO-tie links drawn for a run (§4)
};

/// What the work needs, in bytes, and what determines it.
struct MemoryEstimate {
  std::size_t regions = 0;
  std::size_t country_bytes = 0;        ///< the country, held for the whole command
  std::size_t model_bytes = 0;          ///< one Simulation: its static world and its state
  ModelContents contents;               ///< what the parameters and interventions add to it
  std::size_t contents_bytes = 0;       ///< of model_bytes, the NGOs, targets and tie links
  std::size_t models = 0;               ///< Simulations built: one per worker thread and arm
  std::size_t region_series_bytes = 0;  ///< one run's regional series (--regions), else 0
  std::size_t runs_at_once = 0;         ///< runs in flight, each holding its regional series
  std::size_t batched_bytes = 0;        ///< finished runs' regional series kept to be written
  std::size_t runs = 0;                 ///< runs kept for the summary, targets and comparisons
  std::size_t run_bytes = 0;            ///< what each of them keeps: its row, outcomes, targets

  std::size_t total_bytes() const {
    return country_bytes + models * model_bytes + runs_at_once * region_series_bytes +
           batched_bytes + runs * run_bytes;
  }
};

/// The most NGOs, targets and NGO-tie links that any of `configs` gives a country of `regions`
/// regions in `districts` districts (0 when unknown). The country is not built yet: every region
/// is counted at the exposure that gives it more NGOs, and a district at its mean size.
ModelContents model_contents(std::span<const model::Config* const> configs, std::size_t regions,
                             std::size_t districts);

/// The estimate for `jobs` runs over `arms` arms on `threads` threads, for a country of `regions`
/// regions with about `mean_degree` land neighbours each, over `ticks` quarters, each model
/// holding `contents`, and a scenario of `targets` stylised-fact targets.
MemoryEstimate estimate_memory(std::size_t regions, double mean_degree,
                               const ModelContents& contents, std::size_t ticks, std::size_t arms,
                               std::size_t jobs, std::size_t targets, int threads,
                               bool region_series);

/// The memory this process may use: the smaller of the physical memory and its control group's
/// limit; nothing when neither can be read.
std::optional<std::size_t> memory_limit_bytes();
/// The memory available now (MemAvailable); nothing when it cannot be read.
std::optional<std::size_t> memory_available_bytes();

/// What takes the memory, in words: "the 1000000 regions take about 174 MiB, and the model ...".
std::string memory_breakdown(const MemoryEstimate& estimate);

/// Throws UsageError, saying what takes the memory and what to change, when the estimate exceeds
/// `limit_bytes`.
void require_memory(const MemoryEstimate& estimate, std::size_t limit_bytes);

/// Refuses work that cannot fit (require_memory with memory_limit_bytes()), and warns on `log` when
/// it needs more than the memory available now.
void check_memory(const MemoryEstimate& estimate, std::ostream& log);

/// Human-readable bytes: "3.2 GiB", "512 MiB".
std::string format_bytes(std::size_t bytes);

}  // namespace policysim::runner
