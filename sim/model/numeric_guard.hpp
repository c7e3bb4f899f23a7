#pragma once
// A NaN or an infinity in a run's state stops the run, saying where it appeared. The check after
// each tick is one pass that adds up the state's numbers: a sum is finite when all of them are
// (barring an overflow, which the search below then finds to be a false alarm). Only when it
// fails is the run repeated from its seed, which gives the same numbers, checking after every
// phase of that tick to name the phase and the agent.

#include <optional>
#include <stdexcept>
#include <string>

#include "sim/model/params.hpp"
#include "sim/model/state.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::model {

/// A run whose state became NaN or infinite; what() says at which tick (and quarter), in which
/// phase, which agent and variable, and the parameters that differ from their defaults.
class NonFiniteState : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Whether the sum of every number of the run's state (regions, NGOs, nation, donors, emulation
/// memory, NGO ties) is finite.
bool state_sum_is_finite(const RunState& state);

/// The first number of the state that is not finite, in that order, in words: "region 3
/// (S0000003) resistance = nan"; nothing when all are finite.
std::optional<std::string> find_non_finite(const RunState& state, const StaticWorld& fixed);

/// "gamma = nan, kappa = 0.02": the parameters of `params` that differ from their defaults
/// (MODEL.md §7 priors), or "none (all defaults)".
std::string parameters_not_at_default(const Params& params);

}  // namespace policysim::model
