#pragma once
// What a dry run (`run --dry-run`, `compare --dry-run`) ends with: how long the runs would take,
// from one run timed, and how much memory they would need.

#include <cstddef>
#include <cstdint>
#include <iosfwd>

#include "sim/model/config.hpp"
#include "sim/runner/memory_estimate.hpp"

namespace policysim::runner {

/// The last lines of a dry run: one run of `config` timed to estimate `runs` on `threads`
/// threads, and the memory estimate that run and compare check.
void print_estimates(std::ostream& out, const model::Config& config, const model::Country& country,
                     std::uint64_t seed, std::size_t runs, int threads,
                     const MemoryEstimate& memory);

}  // namespace policysim::runner
