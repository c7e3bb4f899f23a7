// The calibration's distance and predictive shares, against values worked by hand, and the
// proposals' values read back from a database by arm and replicate range.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/runner/calibration_distance.hpp"
#include "sim/runner/sweep_targets.hpp"

using policysim::core::TemporaryFolder;
using policysim::runner::distance;
using policysim::runner::kMaxExcess;
using policysim::runner::predictive_share;
using policysim::runner::ProposalValues;
using policysim::runner::read_proposal_values;
using policysim::runner::share_met;
using policysim::runner::target_excess;
using policysim::runner::target_spreads;
using policysim::scenario::Scenario;
using policysim::scenario::StylisedFact;
using policysim::scenario::StylisedFactCondition;
using policysim::scenario::StylisedFactStat;
using policysim::store::ResultsDatabase;
using policysim::store::RunRecord;
using policysim::store::Schema;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StylisedFact band(double low, double high, double share) {
  StylisedFact target;
  target.name = "band";
  target.metric = "resistance_mean";
  target.stat = StylisedFactStat::mean;
  target.low = low;
  target.high = high;
  target.share = share;
  return target;
}

}  // namespace

TEST_CASE("a target's excess is the required share's order statistic of the runs' distances",
          "[runner][calibration]") {
  const StylisedFact target = band(1.0, 2.0, 0.6);
  // Distances from [1, 2] in spreads of 0.5: 0, 0, 2 (3.0), 4 (-1.0), capped 10 (NaN).
  const std::vector<double> values = {1.5, 2.0, 3.0, -1.0, kNaN};
  // 0.6 of 5 runs is 3: the third smallest distance, 2.
  CHECK(target_excess(target, values, 0.5) == 2.0);
  CHECK(share_met(target, values) == 0.4);
  // With 0.4 required, the two runs in range meet it: zero exactly when met.
  CHECK(target_excess(band(1.0, 2.0, 0.4), values, 0.5) == 0.0);
  // With all five required, the undefined value counts as the cap; far values are capped too.
  CHECK(target_excess(band(1.0, 2.0, 1.0), values, 0.5) == kMaxExcess);
  CHECK(target_excess(band(1.0, 2.0, 0.8), {1.5, 1.5, 1.5, 1.5, 1000.0}, 0.5) == 0.0);
  CHECK(target_excess(band(1.0, 2.0, 1.0), {1.5, 1.5, 1.5, 1.5, 1000.0}, 0.5) == kMaxExcess);
  // No value (a condition no run met) is as far as can be, and meets nothing.
  CHECK(target_excess(target, {}, 0.5) == kMaxExcess);
  CHECK(share_met(target, {}) == 0.0);
}

TEST_CASE("a target's spread is the prior's median absolute deviation, else the range's width",
          "[runner][calibration]") {
  Scenario scenario;
  scenario.targets = {band(0.0, 4.0, 0.6), band(0.0, 4.0, 0.6), band(0.0, kNaN, 0.6)};
  // Target 0 over both proposals: 1, 2, 4, 7 and a NaN, left out. Median (2 + 4) / 2 = 3;
  // deviations 2, 1, 1, 4; their median (1 + 2) / 2 = 1.5. Target 1 is constant: its spread is
  // the width, 4.
  // Target 2 has no finite value and no finite width: 1.
  const std::vector<ProposalValues> prior = {{2, {{1.0, 2.0}, {5.0, 5.0}, {kNaN, kNaN}}},
                                             {3, {{4.0, 7.0, kNaN}, {5.0}, {}}}};
  CHECK(target_spreads(scenario.targets, prior) == std::vector<double>{1.5, 4.0, 1.0});
}

TEST_CASE("the distance sums the fitted targets' excesses, and a failed run makes it NaN",
          "[runner][calibration]") {
  Scenario scenario;
  scenario.targets = {band(0.0, 1.0, 0.5), band(0.0, 1.0, 0.5), band(10.0, 11.0, 0.5)};
  const ProposalValues proposal{2, {{2.0, 3.0}, {0.5, 5.0}, {12.0, 14.0}}};
  const std::vector<double> spreads = {1.0, 1.0, 0.5};
  // Excesses: ceil(0.5 x 2) = 1st smallest: 1 (2.0 is 1 above); 0; (12 - 11) / 0.5 = 2.
  CHECK(distance(scenario.targets, proposal, {true, true, true}, spreads, 2) == 3.0);
  CHECK(distance(scenario.targets, proposal, {true, true, false}, spreads, 2) == 1.0);
  CHECK(std::isnan(distance(scenario.targets, proposal, {true, true, true}, spreads, 3)));
}

TEST_CASE("a predictive share pools the weighted runs, its interval spanning the proposals' shares",
          "[runner][calibration]") {
  const StylisedFact target = band(0.0, 1.0, 0.6);
  // Shares 1/2, 1/4 and 1 (of 2, 4 and 1 judged runs), weights 0.5, 0.25, 0.25.
  const std::vector<ProposalValues> proposals = {
      {2, {{0.5, 2.0}}}, {4, {{0.5, 2.0, 2.0, 2.0}}}, {2, {{0.9}}}};
  const auto share = predictive_share(target, proposals, std::vector<double>{0.5, 0.25, 0.25}, 0);
  // (0.5 x 1 + 0.25 x 1 + 0.25 x 1) / (0.5 x 2 + 0.25 x 4 + 0.25 x 1) = 1 / 2.25.
  CHECK(share.share == Approx(1.0 / 2.25).epsilon(1e-12));
  // Shares sorted 1/4 (weight 0.25), 1/2 (0.5), 1 (0.25): the 5 % quantile is 1/4, the 95 % 1.
  CHECK(share.low == 0.25);
  CHECK(share.high == 1.0);
  const auto none =
      predictive_share(target, std::vector<ProposalValues>{{2, {{}}}}, std::vector<double>{1.0}, 0);
  CHECK(std::isnan(none.share));
}

TEST_CASE("proposals' values are read by name among other arms, over a replicate range",
          "[runner][calibration]") {
  const TemporaryFolder dir("calibration-values");
  const Schema schema{{}, {"law_passed_year"}, {"resistance_mean"}, {}};
  Scenario scenario;
  StylisedFact law;
  law.name = "early law";
  law.metric = "law_passed_year";
  law.stat = StylisedFactStat::outcome;
  law.low = 2003.0;
  law.high = 2004.75;
  StylisedFact resistance = band(0.0, 0.5, 0.6);
  resistance.name = "low resistance where the law passed";
  resistance.given = StylisedFactCondition{"law_passed_year", 2000.0, 2010.0};
  scenario.targets = {law, resistance};
  auto db = ResultsDatabase::open(dir / "results.sqlite", schema, "s", {{"seed", 1}});
  const auto store = [&](const char* arm, int replicate, double law_year, double level) {
    RunRecord record;
    record.arm = arm;
    record.replicate = replicate;
    record.status = "ok";
    record.outcomes = {law_year};
    record.quarters = {"2003Q1"};
    record.series = {level};
    record.target_values = policysim::runner::run_target_values(scenario, schema, record);
    record.series.clear();
    db.write_run(record);
  };
  store("g01_p00000002", 0, 2003.5, 0.4);
  store("g01_p00000002", 1, kNaN, 0.9);
  store("g01_p00000002", 2, 2004.0, 0.2);  // a held-out replicate
  store("g01_p00000003", 0, 2005.0, 0.1);  // an arm between the two asked for
  store("g01_p00000005", 1, 2006.0, 0.7);
  db.flush();
  const std::vector<std::string> arms = {"g01_p00000002", "g01_p00000005", "g01_p00000009"};
  const auto fitting = read_proposal_values(scenario, db, arms, 0, 2);
  REQUIRE(fitting.size() == 3);
  CHECK(fitting[0].runs == 2);
  CHECK(fitting[0].targets[0].size() == 2);
  CHECK(fitting[0].targets[0][0] == 2003.5);
  CHECK(std::isnan(fitting[0].targets[0][1]));
  // The condition keeps the run whose law passed: its resistance, 0.4.
  CHECK(fitting[0].targets[1] == std::vector<double>{0.4});
  CHECK(fitting[1].runs == 1);
  CHECK(fitting[1].targets[1] == std::vector<double>{0.7});
  CHECK(fitting[2].runs == 0);
  CHECK(fitting[2].targets[0].empty());
  const auto held_out = read_proposal_values(scenario, db, arms, 2, 3);
  CHECK(held_out[0].runs == 1);
  CHECK(held_out[0].targets[0] == std::vector<double>{2004.0});
  CHECK(held_out[1].runs == 0);
}

TEST_CASE("a paired target's excess is how far its interval reaches outside the range",
          "[runner][calibration][paired]") {
  StylisedFact lower;
  lower.name = "victim lower after cuts";
  lower.arm = "funding_withdrawal";
  lower.low = -10.0;
  lower.high = -1e-9;
  // -1, -2, -3: the 95 % interval [-4.484138, 0.484138] (paired_facts_test.cpp) reaches 0.484138
  // (plus the range's 1e-9) above the range: in spreads of 2, 0.242069.
  CHECK(target_excess(lower, {-1.0, -2.0, -3.0}, 2.0) == Approx(0.242069).epsilon(1e-5));
  CHECK(share_met(lower, {-1.0, -2.0, -3.0}) == 0.0);
  // -2, -3, -4, -3: the interval [-4.30, -1.70] lies inside: met, no excess.
  CHECK(target_excess(lower, {-2.0, -3.0, -4.0, -3.0}, 2.0) == 0.0);
  CHECK(share_met(lower, {-2.0, -3.0, -4.0, -3.0}) == 1.0);
  // Fewer than two pairs: as far as can be.
  CHECK(target_excess(lower, {-5.0}, 2.0) == kMaxExcess);
  // A proposal meets it or not: the predictive share weighs proposals, not runs. Weights 0.75
  // (met, on 4 pairs) and 0.25 (not met, on 3): 0.75.
  const std::vector<ProposalValues> proposals = {{4, {{-2.0, -3.0, -4.0, -3.0}}},
                                                 {3, {{-1.0, -2.0, -3.0}}}};
  const auto share = predictive_share(lower, proposals, std::vector<double>{0.75, 0.25}, 0);
  CHECK(share.share == Approx(0.75).epsilon(1e-12));
}

TEST_CASE(
    "a proposal's paired values pair its runs in the arm with its own, replicate by "
    "replicate",
    "[runner][calibration][paired]") {
  const TemporaryFolder dir("calibration-paired-values");
  const Schema schema{{}, {"law_passed_year"}, {"mean_victim"}, {}};
  Scenario scenario;
  StylisedFact law;
  law.name = "early law";
  law.metric = "law_passed_year";
  law.stat = StylisedFactStat::outcome;
  law.low = 2003.0;
  law.high = 2004.75;
  StylisedFact lower;
  lower.name = "victim lower after cuts";
  lower.arm = "cuts";
  lower.metric = "mean_victim";
  lower.stat = StylisedFactStat::last;
  lower.low = -1.0;
  lower.high = -1e-9;
  scenario.targets = {law};
  scenario.paired_targets = {lower};
  scenario.config.start = policysim::core::Quarter(2003, 1);
  auto db = ResultsDatabase::open(dir / "results.sqlite", schema, "s", {{"seed", 1}});
  const auto store = [&](const std::string& arm, int replicate, double victim) {
    RunRecord record;
    record.arm = arm;
    record.replicate = replicate;
    record.status = "ok";
    record.outcomes = {2003.5};
    record.quarters = {"2003Q1"};
    record.series = {victim};
    record.target_values = policysim::runner::run_target_values(scenario, schema, record);
    record.series.clear();
    db.write_run(record);
  };
  const std::string proposal = "g01_p00000002";
  const std::string in_arm = policysim::runner::paired_run_arm(proposal, "cuts");
  CHECK(in_arm == "g01_p00000002+cuts");
  store(proposal, 0, 0.30);
  store(proposal, 1, 0.50);
  store(in_arm, 0, 0.20);
  store(in_arm, 1, 0.45);
  store("g01_p00000003", 0, 0.9);  // another proposal, after the pair in name order
  db.flush();
  const auto values = read_proposal_values(scenario, db, std::vector<std::string>{proposal}, 0, 2);
  REQUIRE(values.size() == 1);
  CHECK(values[0].runs == 2);
  CHECK(values[0].targets[0] == std::vector<double>{2003.5, 2003.5});
  // The arm minus the base: 0.20 - 0.30 and 0.45 - 0.50.
  REQUIRE(values[0].targets[1].size() == 2);
  CHECK(values[0].targets[1][0] == Approx(-0.10).epsilon(1e-12));
  CHECK(values[0].targets[1][1] == Approx(-0.05).epsilon(1e-12));
}
