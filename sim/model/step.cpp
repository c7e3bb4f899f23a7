// One tick of the model (MODEL.md §5): kPhases is its table of contents.

#include <array>
#include <chrono>

#include "sim/model/phases.hpp"

namespace policysim::model {
namespace {

constexpr std::array<TickPhase, 8> kPhases{{
    {"schedule", schedule_interventions},  // rule 1
    {"exposure", compute_exposure},        // rule 2
    {"regions", update_regions},           // rules 3-8, parallel over regions
    {"region sums", sum_regions},          // what rules 10 and 12 read of all regions, one pass
    {"ngos", update_ngos},                 // rule 9, parallel over NGOs
    {"nation", update_nation},             // rule 10, serial, after the sums
    {"ties", update_ties},                 // rule 11
    {"record", record},                    // rule 12: the state at the end of t
}};

}  // namespace

std::span<const TickPhase> tick_phases() { return kPhases; }

void step(World& w, Tick t, std::span<double> phase_seconds) {
  using Clock = std::chrono::steady_clock;
  // Unrolled, each call is to a known phase, which the compiler can inline as in a list of calls.
  static_assert(kPhases.size() <= 16, "the unrolling below covers at most 16 phases");
#pragma GCC unroll 16
  for (std::size_t i = 0; i < kPhases.size(); ++i) {
    if (phase_seconds.empty()) {
      kPhases[i].run(w, t);
      continue;
    }
    const auto started = Clock::now();
    kPhases[i].run(w, t);
    phase_seconds[i] += std::chrono::duration<double>(Clock::now() - started).count();
  }
  w.swap_buffers();
}

}  // namespace policysim::model
