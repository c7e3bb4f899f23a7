#include "sim/runner/proposal_arms.hpp"

#include <algorithm>
#include <memory>

#include "sim/runner/calibration_distance.hpp"
#include "sim/runner/paired_facts.hpp"
#include "sim/scenario/sweep.hpp"

namespace policysim::runner {

std::vector<ArmConfig> proposal_arm_configs(const scenario::Scenario& scenario,
                                            const ProposalBatch& batch) {
  const auto& parameters = scenario.calibration->parameters;
  std::vector<ArmConfig> arms;
  const auto add = [&](std::string name, const model::Config& config,
                       const std::vector<double>& theta) {
    ArmConfig arm{std::move(name), config, theta};
    for (std::size_t f = 0; f < parameters.size(); ++f) {
      scenario::apply_factor(parameters[f], arm.parameters[f], arm.config);
    }
    arms.push_back(std::move(arm));
  };
  const std::vector<std::string> paired = paired_arm_names(scenario);
  for (std::size_t a = 0; a < batch.names.size(); ++a) {
    add(batch.names[a], scenario.config, batch.thetas[a]);
    for (const auto& name : paired) {
      // The scenario reader checked that the arm exists.
      const auto arm =
          std::find_if(scenario.arms.begin(), scenario.arms.end(),
                       [&](const scenario::Arm& candidate) { return candidate.name == name; });
      add(paired_run_arm(batch.names[a], name), arm->config, batch.thetas[a]);
    }
  }
  std::sort(arms.begin(), arms.end(),
            [](const ArmConfig& a, const ArmConfig& b) { return a.name < b.name; });
  return arms;
}

ArmSource proposal_arms(const scenario::Scenario& scenario, const ProposalBatch& batch) {
  // Held by the source: the arms are made while the runner runs, after the caller's batch may
  // be gone.
  auto arms = std::make_shared<const std::vector<ArmConfig>>(proposal_arm_configs(scenario, batch));
  return {arms->size(), [arms](std::size_t a) { return (*arms)[a]; }};
}

}  // namespace policysim::runner
