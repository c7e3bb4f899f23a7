// Rule 2: foreign-pressure exposure F[r] = sum over active interventions in r of
// v[m] phi[j] (1 - o[j]) I[n,r]. The TIP ranking is not regional (it acts through P, coercion
// and the national hazards).

#include "sim/model/phases/phases.hpp"

namespace policysim::model {

void compute_exposure(const RunContext& run, const DonorState& donors, TickScratch& s) {
  // An entry's F is its parent's plus its intervention's term (TickScratch says why that is
  // region r's sum in intervention order). Parents come before their children.
  for (std::size_t e = 1; e < s.intensity_entries.size(); ++e) {
    const auto [parent, i] = s.intensity_origin[e];
    const Intervention& iv = run.config.interventions[i];
    const Donor& donor = run.config.donors[iv.donor];
    // phi is the donor's current foreignness (restrictive laws raise it); domestic donors with
    // phi > 0 count too, as in the formula: visibility, not the flag, makes pressure foreign.
    const double weight = run.fixed.intervention_visibility[i] * donors.foreignness[iv.donor] *
                          (1.0 - donor.local_ownership);
    s.intensity_entries[e].foreign_exposure =
        s.intensity_entries[parent].foreign_exposure + weight * s.intervention_intensity[i];
  }
}

}  // namespace policysim::model
