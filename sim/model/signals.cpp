// Rule 5: the diffusion signals that are scalar functions (learning, emulation and competition
// are peer sums, computed in regions.cpp through World::peer_mean and World::geo_mean).

#include "sim/model/rules.hpp"

namespace policysim::model::rules {

double observed_success(const Params& p, double mean_cases, double size) {
  const double scale = p.case_rate * size;
  if (!(scale > 0.0)) return 0.0;
  return std::min(1.0, mean_cases / scale);
}

double coercion(const Params& p, std::size_t reform, double law_in_force, double directive,
                double tip, double tour_intensity, double stance) {
  const double tour = reform == index(Reform::law) ? p.w_tour * tour_intensity : 0.0;
  // A nationalist centre blunts every stick: (1 - P).
  return (p.w_law * law_in_force + p.w_dir * directive + p.w_tip * tip + tour) * (1.0 - stance);
}

}  // namespace policysim::model::rules
