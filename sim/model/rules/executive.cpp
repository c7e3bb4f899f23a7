// Rule 8: the regional executive's support for reform.

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double support_next(const Params& p, double support, double exposure, double mean_directive,
                    double rho) {
  return clip01(support + p.e1 * (exposure - support) + p.e2 * (mean_directive - support) -
                p.e3 * rho * support);
}

double support_equilibrium(const Params& p, double exposure, double mean_directive, double rho) {
  const double rate = p.e1 + p.e2 + p.e3 * rho;
  // With every rate 0 support never moves; the executive then simply follows its exposure.
  if (!(rate > 0.0)) return clip01(exposure);
  return clip01((p.e1 * exposure + p.e2 * mean_directive) / rate);
}

}  // namespace policysim::model::rules
