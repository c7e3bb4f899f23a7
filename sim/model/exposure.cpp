// Rule 2: foreign-pressure exposure F[r] = sum over active interventions in r of
// v[m] phi[j] (1 - o[j]) I[n,r]. The TIP ranking is not regional (it acts through P, coercion
// and the national hazards).

#include <algorithm>

#include "sim/model/phases.hpp"

namespace policysim::model {

void compute_exposure(World& w, Tick /*t*/) {
  TickScratch& s = w.scratch;
  std::fill(s.foreign_exposure.begin(), s.foreign_exposure.end(), 0.0);
  const auto& interventions = w.config.interventions;
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const double intensity = s.intervention_intensity[i];
    if (!(intensity > 0.0)) continue;
    const Intervention& iv = interventions[i];
    const Donor& donor = w.config.donors[iv.donor];
    // phi is the donor's current foreignness (restrictive laws raise it); domestic donors with
    // phi > 0 count too, as in the formula: visibility, not the flag, makes pressure foreign.
    const double weight = w.fixed.intervention_visibility[i] * w.donors.foreignness[iv.donor] *
                          (1.0 - donor.local_ownership);
    for (std::uint32_t e = w.target_offsets[i]; e < w.target_offsets[i + 1]; ++e) {
      s.foreign_exposure[w.targets[e]] += weight * intensity;
    }
  }
}

}  // namespace policysim::model
