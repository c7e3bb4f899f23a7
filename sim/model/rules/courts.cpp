// Rule 7: prosecutors' and courts' use of Art. 127.1 (cases and convictions are drawn in
// phases/regional.cpp, where the region's random sequence lives).

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double judicial_use_next(const Params& p, double judicial_use, double a_law,
                         double judicial_capacity, double law_in_force, double rho) {
  const double uptake = logistic(p.betaJ0 + p.betaJ1 * a_law + p.betaJ2 * judicial_capacity +
                                 p.betaJ3 * law_in_force - p.betaJR * rho);
  return clip01(judicial_use + p.gamma_J * uptake * (1.0 - judicial_use) -
                p.delta_J * judicial_use);
}

}  // namespace policysim::model::rules
