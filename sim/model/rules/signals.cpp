// Rule 5: the diffusion signals that are scalar functions (learning, emulation and competition
// are peer sums, computed in phases/regional.cpp from the packed peer records). Coercion is split
// into the part every region shares, computed once a tick, and the region's task-force tour.

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double observed_success(const Params& p, double mean_cases, double size) {
  const double scale = p.case_rate * size;
  if (!(scale > 0.0)) return 0.0;
  return std::min(1.0, mean_cases / scale);
}

double coercion(const Params& p, std::size_t reform, double law_in_force, double directive,
                double tip, double tour_intensity, double stance) {
  return coercion_with_tour(p, reform, coercion_without_tour(p, law_in_force, directive, tip),
                            tour_intensity, stance);
}

double coercion_without_tour(const Params& p, double law_in_force, double directive, double tip) {
  return p.w_law * law_in_force + p.w_dir * directive + p.w_tip * tip;
}

double coercion_with_tour(const Params& p, std::size_t reform, double without_tour,
                          double tour_intensity, double stance) {
  const double tour = reform == index(Reform::law) ? p.w_tour * tour_intensity : 0.0;
  // A nationalist centre blunts every stick: (1 - P).
  return (without_tour + tour) * (1.0 - stance);
}

}  // namespace policysim::model::rules
