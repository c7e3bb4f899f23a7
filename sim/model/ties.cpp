// Rule 11: ties. Each alive NGO's tie to its police gains from conferences and national
// assemblies in its region (rule 9); each inter-regional tie of the fixed pattern (§4) gains
// tie_gain * I_n per quarter while an intervention that owns it is active. Both decay in
// proportion to their level and stay in [0,1].

#include <algorithm>

#include "sim/model/phases.hpp"
#include "sim/model/rules.hpp"

namespace policysim::model {

void update_ties(World& w, Tick /*t*/) {
  const Params& p = w.params;
  // In place, like the rest of the NGO record (ngos.cpp): each NGO reads and writes only its own
  // tie. An NGO that closed in this tick was alive at t, so its tie still moves this once.
  NgoState& ngos = w.ngos;
  for_each_index(w.fixed.ngo_count, w.parallel, w.grain, [&](std::size_t i) {
    const bool alive_at_t = ngos.alive[i] != 0 || w.scratch.ngo_closed[i] != 0;
    if (!alive_at_t) return;
    const RegionIntensity& intensity = w.scratch.intensity(w.fixed.ngo_region[i]);
    ngos.tie[i] =
        rules::ngo_tie_next(p, ngos.tie[i], intensity.instrument[index(Instrument::conference)],
                            intensity.instrument[index(Instrument::national_assembly)]);
  });

  // Inter-regional ties are read only by the regional phase, which is over: update in place.
  std::vector<double>& gain = w.scratch.tie_gain;
  std::fill(gain.begin(), gain.end(), 0.0);
  for (std::size_t i = 0; i < w.config.interventions.size(); ++i) {
    const double intensity = w.scratch.intervention_intensity[i];
    if (!(intensity > 0.0)) continue;
    for (std::uint32_t e = w.intervention_tie_offsets[i]; e < w.intervention_tie_offsets[i + 1];
         ++e) {
      gain[w.intervention_ties[e]] += p.tie_gain * intensity;
    }
  }
  for_each_index(w.tie_weight.size(), w.parallel, w.grain, [&](std::size_t e) {
    w.tie_weight[e] = rules::clip01(w.tie_weight[e] + gain[e] - p.tie_decay * w.tie_weight[e]);
  });
}

}  // namespace policysim::model
