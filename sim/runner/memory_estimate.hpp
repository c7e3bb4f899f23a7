#pragma once
// What a run or comparison will hold in memory, estimated before the country is built, so that a
// country too large for the machine is refused with a message rather than stopped by the kernel.
// The costs a region are measured (bench/RESULTS.md, "Memory"), for the default NGOs.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

namespace policysim::runner {

/// What the work needs, in bytes, and what determines it.
struct MemoryEstimate {
  std::size_t regions = 0;
  std::size_t country_bytes = 0;        ///< the country, held for the whole command
  std::size_t model_bytes = 0;          ///< one Simulation: its static world and its state
  std::size_t models = 0;               ///< Simulations built: one per worker thread and arm
  std::size_t region_series_bytes = 0;  ///< one run's regional series (--regions), else 0
  std::size_t runs_at_once = 0;         ///< runs in flight, each holding its regional series

  std::size_t total_bytes() const {
    return country_bytes + models * model_bytes + runs_at_once * region_series_bytes;
  }
};

/// The estimate for `jobs` runs over `arms` arms on `threads` threads, for a country of `regions`
/// regions with about `mean_degree` land neighbours each, over `ticks` quarters.
MemoryEstimate estimate_memory(std::size_t regions, double mean_degree, std::size_t ticks,
                               std::size_t arms, std::size_t jobs, int threads, bool region_series);

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
