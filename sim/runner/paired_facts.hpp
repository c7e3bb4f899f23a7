#pragma once
// Paired targets (MODEL.md §9, "after cuts"): facts that compare an arm with the base on common
// random numbers, such as "with funding withdrawn, victim implementation in 2010 is lower than the
// baseline's (95 % interval below zero)". Each replicate gives one value, the arm's statistic
// minus the base's (or, with `minus`, minus the arm's statistic of a second metric); the target
// is met when the 95 % t interval of their mean lies in its range.

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/store/paired_target_table.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// A paired target judged over one set of pairs.
struct PairedFactResult {
  scenario::StylisedFact target;
  std::vector<double> values;  ///< one per pair with both values known, in replicate order
  double mean = 0;             ///< of the values; NaN without any
  double low = 0, high = 0;    ///< the 95 % t interval of the mean; NaN with fewer than two
  bool met = false;            ///< [low, high] lies in [target.low, target.high]
};

/// The arms, besides the base, that the scenario's paired targets name, each once, in name order.
std::vector<std::string> paired_arm_names(const scenario::Scenario& scenario);

/// The values `target` judges, from each replicate's run statistic in the arm (`arm`) and in the
/// base (`base`), both in replicate order and NaN where unknown: arm - base where both are
/// finite, or, for a target with `minus` (whose statistic is already a difference within the
/// arm's run), the arm's finite values.
std::vector<double> paired_values(const scenario::StylisedFact& target, std::span<const double> arm,
                                  std::span<const double> base);

/// Judges `target` on its values.
PairedFactResult judge_paired(const scenario::StylisedFact& target, std::vector<double> values);

/// The scenario's paired targets whose arm is one of `arms` (besides the base, which must be
/// one too), judged over replicates [0, replicates) of the runs stored in `database` with their
/// target values (sweep_targets.hpp, run_target_values); a value not stored counts as unknown.
/// Where the arm and the base have different numbers of runs (one failed), the replicates do
/// not line up and a target comparing them is judged on no pairs: not met.
std::vector<PairedFactResult> judge_paired_targets(const scenario::Scenario& scenario,
                                                   const store::ResultsDatabase& database,
                                                   std::span<const std::string> arms,
                                                   int replicates);

/// The rows of the `paired_targets` table, one a judged target.
std::vector<store::PairedTargetRow> paired_target_rows(std::span<const PairedFactResult> results);

/// Prints two lines per paired target: the verdict and name, then the mean difference with its
/// interval against the range; then how many are met.
void print_paired_targets(std::ostream& out, std::span<const PairedFactResult> results);

}  // namespace policysim::runner
