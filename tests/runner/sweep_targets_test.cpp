// A sweep's targets judged run by run and stored with each run, and the share of all runs and of
// each point's runs meeting them read back from the database, against shares counted by hand.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/runner/sweep_targets.hpp"
#include "sim/store/sqlite_db.hpp"

using policysim::core::TemporaryFolder;
using policysim::runner::run_target_values;
using policysim::runner::sweep_targets;
using policysim::runner::target_share_outcome;
using policysim::scenario::Scenario;
using policysim::scenario::StylisedFact;
using policysim::scenario::StylisedFactStat;
using policysim::store::ResultsDatabase;
using policysim::store::RunRecord;
using policysim::store::Schema;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const Schema kSchema{{}, {"law_passed_year"}, {"resistance_mean"}, {}};

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

/// A run of two quarters whose law passed in `law_year` and whose resistance was `resistance`
/// in both.
RunRecord run(const char* arm, int replicate, double law_year, double resistance) {
  RunRecord record;
  record.arm = arm;
  record.replicate = replicate;
  record.status = "ok";
  record.outcomes = {law_year};
  record.quarters = {"2003Q1", "2003Q2"};
  record.series = {resistance, resistance};
  return record;
}

/// Stores `record` judged on its series, as a sweep does, but without them.
void store_judged(ResultsDatabase& db, const Scenario& scenario, RunRecord record) {
  record.target_values = run_target_values(scenario, db.schema(), record);
  record.series.clear();
  db.write_run(record);
}

}  // namespace

TEST_CASE("a run's target values come from its outcomes and its series in memory",
          "[runner][sweep]") {
  const Scenario scenario = two_targets();
  const auto values = run_target_values(scenario, kSchema, run("p0", 0, 2003.5, 0.4));
  REQUIRE(values.size() == 2);
  CHECK(values[0].name == "early law");
  CHECK(values[0].value == 2003.5);
  CHECK(values[1].name == "moderate resistance");
  CHECK(values[1].value == 0.4);
  CHECK(target_share_outcome(scenario.targets[1]) == "target: moderate resistance");
}

TEST_CASE("each point's share counts its runs in the target's range, an undefined value outside",
          "[runner][sweep]") {
  const TemporaryFolder dir("sweep-targets");
  const Scenario scenario = two_targets();
  auto db = ResultsDatabase::open(dir / "results.sqlite", kSchema, "s", {{"seed", 1}});
  // p0: law in 2003.5 and never (NaN), resistance 0.4 and 0.6; p1: law in 2004.75 (the range's
  // end) and 2006, resistance 0.5 and 0.2.
  store_judged(db, scenario, run("p0", 0, 2003.5, 0.4));
  store_judged(db, scenario, run("p0", 1, kNaN, 0.6));
  store_judged(db, scenario, run("p1", 0, 2004.75, 0.5));
  store_judged(db, scenario, run("p1", 1, 2006.0, 0.2));
  // A failed run and a replicate beyond those asked for count nowhere.
  RunRecord failed = run("p1", 2, kNaN, kNaN);
  failed.status = "failed: injected";
  failed.series.clear();
  db.write_run(failed);
  store_judged(db, scenario, run("p0", 5, 2003.5, 0.1));
  db.flush();

  const auto targets = sweep_targets(scenario, db, 2, 2);
  CHECK(targets.unknown == std::vector<std::size_t>{0, 0});
  CHECK(targets.shares == std::vector<std::vector<double>>{{0.5, 0.5}, {0.5, 1.0}});
  // Over every run: 2 of 4 laws early, 3 of 4 resistances moderate.
  REQUIRE(targets.verdicts.size() == 2);
  CHECK(targets.verdicts[0].name == "early law");
  CHECK(targets.verdicts[0].share_met == 0.5);
  CHECK(targets.verdicts[1].share_met == 0.75);
  CHECK(targets.verdicts[1].stat == "mean");

  // Each value was stored with its run: the NaN as NULL.
  policysim::store::sqlite::Database read(db.path(),
                                          policysim::store::sqlite::Database::Mode::read_only);
  auto query = read.prepare(
      "SELECT count(*), count(value) FROM target_values t JOIN runs r USING (run_id) "
      "WHERE r.arm = 'p0' AND r.replicate = 1");
  REQUIRE(query.step());
  CHECK(query.column_int64(0) == 2);
  CHECK(query.column_int64(1) == 1);
}

TEST_CASE(
    "a run stored without its targets' values leaves its point's share and the verdict unknown",
    "[runner][sweep]") {
  const TemporaryFolder dir("sweep-targets-unknown");
  const Scenario scenario = two_targets();
  auto db = ResultsDatabase::open(dir / "results.sqlite", kSchema, "s", {{"seed", 1}});
  store_judged(db, scenario, run("p0", 0, 2003.5, 0.1));
  store_judged(db, scenario, run("p0", 1, 2003.5, 0.7));
  store_judged(db, scenario, run("p1", 0, 2003.5, 0.9));
  RunRecord unjudged = run("p1", 1, 2003.5, 0.2);
  unjudged.series.clear();
  db.write_run(unjudged);
  db.flush();

  const auto targets = sweep_targets(scenario, db, 2, 2);
  CHECK(targets.unknown == std::vector<std::size_t>{1, 1});
  CHECK(targets.shares[1][0] == 0.5);
  CHECK(std::isnan(targets.shares[1][1]));
  CHECK(std::isnan(targets.verdicts[1].share_met));
  CHECK_FALSE(targets.verdicts[1].met);
}

TEST_CASE("a target with a condition is counted over the runs that meet it, point by point",
          "[runner][sweep]") {
  const TemporaryFolder dir("sweep-targets-given");
  Scenario scenario = two_targets();
  // Moderate resistance among the runs where the law passed.
  scenario.targets[1].given =
      policysim::scenario::StylisedFactCondition{"law_passed_year", 1997.0, 2012.75};
  auto db = ResultsDatabase::open(dir / "results.sqlite", kSchema, "s", {{"seed", 1}});
  // p0: the law passes with resistance 0.4, and never with 0.6 (left out); p1: passes twice,
  // 0.5 and 0.2; p2: never passes.
  store_judged(db, scenario, run("p0", 0, 2003.5, 0.4));
  store_judged(db, scenario, run("p0", 1, kNaN, 0.6));
  store_judged(db, scenario, run("p1", 0, 2004.75, 0.5));
  store_judged(db, scenario, run("p1", 1, 2006.0, 0.2));
  store_judged(db, scenario, run("p2", 0, kNaN, 0.1));
  store_judged(db, scenario, run("p2", 1, kNaN, 0.9));
  db.flush();

  const auto targets = sweep_targets(scenario, db, 3, 2);
  // p0: 1 of 1; p1: 2 of 2; p2: no run meets the condition, so its share says nothing.
  REQUIRE(targets.shares[1].size() == 3);
  CHECK(targets.shares[1][0] == 1.0);
  CHECK(targets.shares[1][1] == 1.0);
  CHECK(std::isnan(targets.shares[1][2]));
  // Over every point: the 3 runs where the law passed, all moderate (unconditioned: 4 of 6).
  CHECK(targets.verdicts[1].share_met == 1.0);
  CHECK(targets.verdicts[1].given.find("law_passed_year") != std::string::npos);
  // The unconditioned target is unchanged: 2 of 6 laws early.
  CHECK(targets.verdicts[0].share_met == Approx(2.0 / 6.0));
}
