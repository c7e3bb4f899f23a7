// Rule 4: trained police capacity c and judicial capacity cJ.

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double capacity_next(const Params& p, double level, double training_input, double rho) {
  // Training is absorbed into the untrained share, less so where resistance is high; turnover
  // erodes what was trained.
  return clip01(level + p.tau * training_input * (1.0 - level) * (1.0 - p.omega * rho) -
                p.zeta * level);
}

}  // namespace policysim::model::rules
