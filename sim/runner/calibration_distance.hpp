#pragma once
// How far a proposal's runs lie from the facts (docs/calibration.md). Each target asks that a
// share of the runs have a statistic in a range; a share alone is flat wherever no run comes
// near the range (every far proposal scores 0), which gives the calibration nothing to climb.
// So the distance measures how far outside the range the runs lie: each run's excess, the
// distance of its value from the range in units of the statistic's spread under the prior, and
// of those the one at the required share (the target is met exactly when it is zero).

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The targets a calibration compares, in the order of ProposalValues::targets: the scenario's
/// targets, then its paired targets (paired_facts.hpp).
std::vector<scenario::StylisedFact> calibration_targets(const scenario::Scenario& scenario);

/// The arm a proposal's runs in the scenario's arm `arm` are stored under: the proposal's name,
/// "+" and the arm's ("g03_p00000123+funding_withdrawal"), which sorts right after the
/// proposal's own.
std::string paired_run_arm(const std::string& proposal, const std::string& arm);

/// One proposal's runs: how many have results (in the base and in every arm a paired target
/// names, the fewest), and for each target the values it judges, in replicate order: for a
/// target, its runs' values (of those meeting its condition, else all; NaN where undefined); for
/// a paired target, its values (paired_values).
struct ProposalValues {
  std::size_t runs = 0;
  std::vector<std::vector<double>> targets;
};

/// The values of the proposals named `proposals` (in increasing order) over replicates
/// [first, end) of each, read from `database`; a proposal without runs has none.
std::vector<ProposalValues> read_proposal_values(const scenario::Scenario& scenario,
                                                 const store::ResultsDatabase& database,
                                                 std::span<const std::string> proposals,
                                                 int first_replicate, int end_replicate);

/// The share of `values` in the target's range (NaN outside); 0 for no values (a condition no
/// run met shows nothing of the fact). For a paired target, 1 when it is met on `values`, else 0.
double share_met(const scenario::StylisedFact& target, const std::vector<double>& values);

/// Each target's spread under the prior, the unit of its excess: the median absolute deviation
/// of its finite values over `prior` (generation 0's proposals); where that is 0 (a statistic
/// the prior does not move), the range's width, else 1.
std::vector<double> target_spreads(std::span<const scenario::StylisedFact> targets,
                                   std::span<const ProposalValues> prior);

/// An undefined value (an event that never happened) and any value farther than this many
/// spreads from the range count as this far: the distance stays finite and a few wild runs
/// cannot outweigh the rest.
inline constexpr double kMaxExcess = 10.0;

/// A target's excess over one proposal's values: each value's distance from [low, high] in
/// units of `spread` (capped at kMaxExcess, NaN counting as kMaxExcess), and of those the
/// smallest that the required share of the runs reach (the ceil(share x n)-th smallest).
/// Zero exactly when the share of values in range reaches the required share; kMaxExcess for
/// no values. For a paired target, how far its interval reaches outside the range, in units of
/// `spread` (capped; kMaxExcess with fewer than two values): zero exactly when it is met.
double target_excess(const scenario::StylisedFact& target, const std::vector<double>& values,
                     double spread);

/// The distance of a proposal from the facts: the sum of the excesses of the targets `fitted`
/// marks. Zero when it meets them all; NaN when fewer than `replicates` of its runs have results
/// (a run failed), so that it is never accepted.
double distance(std::span<const scenario::StylisedFact> targets, const ProposalValues& proposal,
                const std::vector<bool>& fitted, const std::vector<double>& spreads,
                std::size_t replicates);

/// A target's share met over a weighted set of proposals: the weighted runs in range over the
/// weighted runs judged (NaN where none is judged), and the weighted 5 % and 95 % quantiles of
/// the proposals' own shares (over those judging some run): how the share varies with the
/// parameters. For a paired target, which each proposal meets or not, the weighted share of the
/// proposals that meet it (with the same quantiles, each 0 or 1).
struct PredictiveShare {
  double share = 0;
  double low = 0, high = 0;
};
PredictiveShare predictive_share(const scenario::StylisedFact& target,
                                 std::span<const ProposalValues> proposals,
                                 std::span<const double> weights, std::size_t target_index);

}  // namespace policysim::runner
