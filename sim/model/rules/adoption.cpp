// Rule 6: implementation. Hazard mode (the default) and the threshold modes' threshold; the
// adoption step and decay are shared.

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double adoption_logit(const Params& p, std::size_t reform, const Signals& signals, double capacity,
                      double support, double rho, bool cascade) {
  // The norm cascade multiplies the emulation weight once a third of regions adopted.
  const double beta_emulation = p.beta_emulation * (cascade ? p.cascade_multiplier : 1.0);
  return p.beta0[reform] + p.beta_learning * signals.learning + beta_emulation * signals.emulation +
         p.beta_competition * signals.competition + p.beta_coercion * signals.coercion +
         p.beta_capacity[reform] * capacity + p.beta_ngo[reform] * signals.ngo_push +
         p.beta_support * support + signals.direct_effect - p.beta_resistance * rho;
}

PerReform adoption_logits(const Params& p, const ReformSignals& signals, double capacity,
                          double support, double rho,
                          const std::array<bool, kReformCount>& cascade) {
  PerReform logit{};
  for (std::size_t k = 0; k < kReformCount; ++k) {
    const Signals reform{signals.learning[k], signals.emulation[k], signals.competition[k],
                         signals.coercion[k], signals.ngo_push[k],  signals.direct_effect[k]};
    logit[k] = adoption_logit(p, k, reform, capacity, support, rho, cascade[k]);
  }
  return logit;
}

double adoption_hazard(const Params& p, std::size_t reform, const Signals& signals, double capacity,
                       double support, double rho, bool cascade) {
  return logistic(adoption_logit(p, reform, signals, capacity, support, rho, cascade));
}

double adoption_threshold(const Params& p, double theta, double coercion_signal, double capacity) {
  return theta - p.theta_relief * (coercion_signal + capacity);
}

double adoption_step(const Params& p, double a) { return clip01(a + p.gamma * (1.0 - a)); }

double after_decay(const Params& p, std::size_t reform, double a, double law_in_force,
                   double support) {
  // Codification in law and executive support each protect a reform from decay.
  return clip01(a - p.decay[reform] * a * (1.0 - p.codification[reform] * law_in_force) *
                        (1.0 - support));
}

}  // namespace policysim::model::rules
