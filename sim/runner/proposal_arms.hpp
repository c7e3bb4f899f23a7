#pragma once
// The arms a calibration's batch of proposals runs as: each the scenario's configuration with the
// calibrated parameters set to the proposal's values, and the same in every arm a paired target
// names. Every process of a calibration builds its arms here, rank 0 and the other ranks of an
// MPI job alike, so that what a proposal runs is said in one place.

#include <string>
#include <vector>

#include "sim/runner/replications.hpp"
#include "sim/scenario/scenario.hpp"

namespace policysim::runner {

/// A batch of proposals: what a process needs to run any of their replicates.
struct ProposalBatch {
  std::vector<std::string> names;           ///< each proposal's arm, in increasing order
  std::vector<std::vector<double>> thetas;  ///< each proposal's values of the calibrated parameters
};

/// The arms of `batch` on `scenario` (which declares a calibration), in name order: for each
/// proposal, the base named batch.names[a] and each paired arm named
/// paired_run_arm(batch.names[a], arm), all with the calibration's parameters set to
/// batch.thetas[a].
std::vector<ArmConfig> proposal_arm_configs(const scenario::Scenario& scenario,
                                            const ProposalBatch& batch);

/// The same arms as a runner takes them.
ArmSource proposal_arms(const scenario::Scenario& scenario, const ProposalBatch& batch);

}  // namespace policysim::runner
