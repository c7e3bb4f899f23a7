// A sweep's targets judged run by run, and each point's share of runs meeting them, against
// shares counted by hand.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>

#include "sim/runner/sweep_targets.hpp"

using policysim::runner::point_target_shares;
using policysim::runner::sweep_targets;
using policysim::runner::target_share_outcome;
using policysim::scenario::Scenario;
using policysim::scenario::StylisedFact;
using policysim::scenario::StylisedFactStat;
using policysim::store::StoredRun;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StoredRun run(std::int64_t id, const char* arm, int replicate, double outcome) {
  StoredRun stored;
  stored.run_id = id;
  stored.arm = arm;
  stored.replicate = replicate;
  stored.outcomes = {outcome};
  return stored;
}

Scenario two_targets() {
  Scenario scenario;
  StylisedFact outcome;
  outcome.name = "early law";
  outcome.metric = "law_passed_year";
  outcome.stat = StylisedFactStat::outcome;
  outcome.low = 2003.0;
  outcome.high = 2004.75;
  StylisedFact series;
  series.name = "moderate resistance";
  series.metric = "resistance_mean";
  series.stat = StylisedFactStat::mean;
  series.low = 0.0;
  series.high = 0.5;
  scenario.targets = {outcome, series};
  return scenario;
}

}  // namespace

TEST_CASE("each point's share counts its runs in the target's range, an undefined value outside",
          "[runner][sweep]") {
  const Scenario scenario = two_targets();
  // p0: law in 2003.5 and never (NaN); p1: 2004.75 (the range's end) and 2006.
  const std::vector<StoredRun> runs = {run(1, "p0", 0, 2003.5), run(2, "p0", 1, kNaN),
                                       run(3, "p1", 0, 2004.75), run(4, "p1", 1, 2006.0)};
  // Resistance means made now: 0.4, 0.6 at p0; 0.5, 0.2 at p1.
  const std::vector<std::vector<double>> computed = {
      {kNaN, 0.4}, {kNaN, 0.6}, {kNaN, 0.5}, {kNaN, 0.2}};
  const auto targets = sweep_targets(scenario, {"law_passed_year"}, runs, computed, {});
  CHECK(targets.unknown == std::vector<std::size_t>{0, 0});
  const auto shares = point_target_shares(targets, runs, {"p0", "p1"});
  CHECK(shares == std::vector<std::vector<double>>{{0.5, 0.5}, {0.5, 1.0}});
  // Over every run: 2 of 4 laws early, 3 of 4 resistances moderate.
  CHECK(targets.results[0].share_in_range == 0.5);
  CHECK(targets.results[1].share_in_range == 0.75);
  CHECK(target_share_outcome(scenario.targets[1]) == "target: moderate resistance");
}

TEST_CASE("a run not made now takes its stored value, and a point with one known nowhere has none",
          "[runner][sweep]") {
  const Scenario scenario = two_targets();
  const std::vector<StoredRun> runs = {run(1, "p0", 0, 2003.5), run(2, "p0", 1, 2003.5),
                                       run(3, "p1", 0, 2003.5), run(4, "p1", 1, 2003.5)};
  // Runs 1 and 3 made now; run 2's value stored by an earlier command; run 4's nowhere.
  const std::vector<std::vector<double>> computed = {{kNaN, 0.1}, {}, {kNaN, 0.9}, {}};
  const std::map<std::string, std::map<std::int64_t, double>> stored = {
      {"moderate resistance", {{2, 0.7}}}};
  const auto targets = sweep_targets(scenario, {"law_passed_year"}, runs, computed, stored);
  CHECK(targets.unknown == std::vector<std::size_t>{0, 1});
  CHECK(targets.results[1].values[1] == 0.7);
  CHECK(std::isnan(targets.results[1].share_in_range));
  const auto shares = point_target_shares(targets, runs, {"p0", "p1"});
  CHECK(shares[0] == std::vector<double>{1.0, 1.0});
  CHECK(shares[1][0] == 0.5);
  CHECK(std::isnan(shares[1][1]));
}
