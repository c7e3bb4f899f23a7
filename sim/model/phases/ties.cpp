// Rule 11: ties. Each alive NGO's tie to its police gains from conferences and national
// assemblies in its region (rule 9); each inter-regional tie of the fixed pattern (§4) gains
// tie_gain * I_n per quarter while an intervention that owns it is active. Both decay in
// proportion to their level and stay in [0,1].

#include <algorithm>

#include "sim/model/phases/phases.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model {

void update_ties(const RunContext& run, NgoState& ngos, std::vector<double>& tie_weight,
                 TickScratch& scratch) {
  const Params& p = run.params;
  // In place, like the rest of the NGO record (ngos.cpp): each NGO reads and writes only its own
  // tie. An NGO that closed in this tick was alive at t, so its tie still moves this once.
  for_each_index(
      run.fixed.ngo_count, run.execution.parallel, run.execution.grain, [&](std::size_t i) {
        const bool alive_at_t = ngos.alive[i] != 0 || scratch.ngo_closed[i] != 0;
        if (!alive_at_t) return;
        const RegionIntensity& intensity = scratch.intensity(run.fixed.ngo_region[i]);
        ngos.tie[i] =
            rules::ngo_tie_next(p, ngos.tie[i], intensity.instrument[index(Instrument::conference)],
                                intensity.instrument[index(Instrument::national_assembly)]);
      });

  // Inter-regional ties are read only by the regional phase, which is over: update in place.
  std::vector<double>& gain = scratch.tie_gain;
  std::fill(gain.begin(), gain.end(), 0.0);
  for (std::size_t i = 0; i < run.config.interventions.size(); ++i) {
    const double intensity = scratch.intervention_intensity[i];
    if (!(intensity > 0.0)) continue;
    for (std::uint32_t e = run.draws.intervention_tie_offsets[i];
         e < run.draws.intervention_tie_offsets[i + 1]; ++e) {
      gain[run.draws.intervention_ties[e]] += p.tie_gain * intensity;
    }
  }
  for_each_index(
      tie_weight.size(), run.execution.parallel, run.execution.grain, [&](std::size_t e) {
        tie_weight[e] = rules::clip01(tie_weight[e] + gain[e] - p.tie_decay * tie_weight[e]);
      });
}

}  // namespace policysim::model
