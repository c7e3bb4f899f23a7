#include "sim/runner/proposal_arms.hpp"

#include "sim/scenario/sweep.hpp"

namespace policysim::runner {

ArmSource proposal_arms(const scenario::Scenario& scenario, const ProposalBatch& batch) {
  // The batch is copied: the arms are made while the runner runs, after the caller's batch may
  // be gone.
  return {batch.names.size(), [&scenario, batch](std::size_t a) {
            const auto& parameters = scenario.calibration->parameters;
            ArmConfig arm{batch.names[a], scenario.config, batch.thetas[a]};
            for (std::size_t f = 0; f < parameters.size(); ++f) {
              scenario::apply_factor(parameters[f], arm.parameters[f], arm.config);
            }
            return arm;
          }};
}

}  // namespace policysim::runner
