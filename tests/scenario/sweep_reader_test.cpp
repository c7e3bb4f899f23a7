// The `sweep:` section: factors by parameter name or symbol, interventions' and donors' fields,
// ranges (given or the parameter table's plausible range) and value lists, the design; and every
// problem of a bad block at its line and column.

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "load_error.hpp"
#include "sim/model/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/sweep.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::FactorKind;
using policysim::scenario::load_scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::SweepDesign;
using policysim::scenario::testing::write_scenario;

namespace {

const std::string kHeader =
    "name: t\n"
    "start: 2000Q1\n"
    "end: 2003Q4\n"
    "regions: russia83\n"
    "donors:\n"
    "  - {name: US government, foreignness: 1.0, foreign: true}\n"
    "interventions:\n"
    "  - {name: Task force tour, donor: US government, instrument: task_force_tour, start: "
    "2001Q1, end: 2001Q4, targets: all, intensity: 0.6}\n";  // lines 1-8

ScenarioError error_of(const std::string& body) {
  INFO(body);
  return policysim::scenario::testing::load_error(write_scenario(kHeader + body));
}

}  // namespace

TEST_CASE("a sweep reads factors by name, symbol and field, with ranges and values",
          "[scenario][sweep]") {
  const auto scenario =
      load_scenario(write_scenario(kHeader + "sweep:\n"
                                             "  design: grid\n"
                                             "  levels: 3\n"
                                             "  replications: 4\n"
                                             "  seed: 9\n"
                                             "  factors:\n"
                                             "    beta_R: {range: [1.5, 4.5]}\n"
                                             "    beta0.law:\n"
                                             "    intervention.Task force tour.intensity: "
                                             "{values: [0.25, 0.5, 1]}\n"
                                             "    intervention.Task force tour.start: "
                                             "{range: [2000Q2, 2001Q3]}\n"
                                             "    donor.US government.foreignness: {}\n"));
  REQUIRE(scenario.sweep);
  const auto& sweep = *scenario.sweep;
  CHECK(sweep.design == SweepDesign::grid);
  CHECK(sweep.levels == 3);
  CHECK(sweep.replications == 4);
  CHECK(sweep.seed == 9);
  REQUIRE(sweep.factors.size() == 5);

  // The symbol names the parameter; its column is the parameter's table name.
  CHECK(sweep.factors[0].kind == FactorKind::parameter);
  CHECK(sweep.factors[0].target == "beta_resistance");
  CHECK(sweep.factors[0].column == "beta_resistance");
  CHECK(sweep.factors[0].low == 1.5);
  CHECK(sweep.factors[0].high == 4.5);

  // No range: the parameter table's plausible range (beta0.law: -7 to -1, MODEL.md §7).
  CHECK(sweep.factors[1].column == "beta0_law");
  CHECK(sweep.factors[1].low == -7.0);
  CHECK(sweep.factors[1].high == -1.0);

  CHECK(sweep.factors[2].kind == FactorKind::intervention_intensity);
  CHECK(sweep.factors[2].target == "Task force tour");
  CHECK(sweep.factors[2].column == "intervention_Task_force_tour_intensity");
  CHECK(sweep.factors[2].values == std::vector<double>{0.25, 0.5, 1.0});

  // Quarters are decimal years: 2000Q2 is 2000.25, 2001Q3 is 2001.5.
  CHECK(sweep.factors[3].kind == FactorKind::intervention_start);
  CHECK(sweep.factors[3].low == 2000.25);
  CHECK(sweep.factors[3].high == 2001.5);

  CHECK(sweep.factors[4].kind == FactorKind::donor_foreignness);
  CHECK(sweep.factors[4].low == 0.0);
  CHECK(sweep.factors[4].high == 1.0);

  CHECK_THAT(policysim::scenario::describe(scenario), Contains("a grid sweep of 5 factors"));
  // The run's own inputs leave the sweep out: editing it does not change a `run`'s fingerprint.
  CHECK(scenario.resolved_yaml.find("sweep") == std::string::npos);
}

TEST_CASE("a factor's value goes where its path says", "[scenario][sweep]") {
  const auto scenario = load_scenario(
      write_scenario(kHeader + "sweep:\n  design: random\n  points: 3\n  factors:\n"
                               "    gamma: {}\n"
                               "    intervention.Task force tour.end: {range: [2002Q1, 2003Q4]}\n"
                               "    intervention.Task force tour.intensity: {}\n"
                               "    donor.US government.foreignness: {}\n"));
  REQUIRE(scenario.sweep);
  auto config = scenario.config;
  const auto& factors = scenario.sweep->factors;
  apply_factor(factors[0], 0.25, config);
  apply_factor(factors[1], 2002.75, config);
  apply_factor(factors[2], 0.125, config);
  apply_factor(factors[3], 0.5, config);
  CHECK(config.params.gamma == 0.25);
  CHECK(config.interventions[0].end.str() == "2002Q4");
  CHECK(config.interventions[0].intensity == 0.125);
  CHECK(config.donors[0].foreignness == 0.5);
  CHECK(scenario.config.params.gamma == policysim::model::find_parameter("gamma")->prior);
}

TEST_CASE("a sweep file names its scenario and adds only a sweep", "[scenario][sweep]") {
  const auto base = write_scenario(kHeader);
  const auto file = base.parent_path() / "sweep.yaml";
  std::ofstream(file) << "scenario: s.yaml\nname: t_sweep\n"
                         "sweep: {design: sobol, points: 8, factors: {gamma: {}}}\n";
  const auto scenario = load_scenario(file);
  CHECK(scenario.name == "t_sweep");
  REQUIRE(scenario.sweep);
  CHECK(scenario.sweep->design == SweepDesign::sobol);
  CHECK(scenario.sweep->points == 8);
  CHECK(scenario.config.interventions.size() == 1);  // the scenario's, read through `scenario:`
  CHECK(scenario.source_files.size() == 2);          // and both files are its inputs

  const auto other = base.parent_path() / "sweep_with_parameters.yaml";
  std::ofstream(other) << "scenario: s.yaml\nparameters: {gamma: 0.2}\n"
                          "sweep: {design: sobol, points: 8, factors: {gamma: {}}}\n";
  const auto e = policysim::scenario::testing::load_error(other);
  CHECK(e.line() == 2);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Contains("holds only `scenario`, `name`, `description`, `sweep` and "
                                   "`calibration`, not `parameters`"));
}

TEST_CASE("a bad sweep gets every problem at its place", "[scenario][sweep][errors]") {
  // Line 9 is `sweep:`.
  const auto e = error_of(
      "sweep:\n"
      "  design: latin_hypercub\n"                              // 10
      "  points: 10\n"                                          // 11
      "  factors:\n"                                            // 12
      "    beta_resistanse: {}\n"                               // 13
      "    gamma: {range: [0.3, 0.1]}\n"                        // 14
      "    intervention.Task forse tour.intensity: {}\n"        // 15
      "    intervention.Task force tour.intensty: {}\n"         // 16
      "    donor.US government.foreignness: {range: [0, 2]}\n"  // 17
      "    cascade_share: {values: [0.2, 0.2]}\n");             // 18
  const auto& d = e.diagnostics();
  REQUIRE(d.size() == 7);
  CHECK(d[0].mark.line == 10);
  CHECK_THAT(d[0].message, Contains("did you mean `latin_hypercube`?"));
  CHECK(d[1].mark.line == 13);
  CHECK(d[1].mark.column == 5);
  CHECK_THAT(d[1].message, Contains("unknown factor `beta_resistanse` in `sweep.factors`; did you "
                                    "mean `beta_resistance`?"));
  CHECK(d[2].mark.line == 14);
  CHECK_THAT(d[2].message, Contains("`range` of factor `gamma` must go from low to high"));
  CHECK(d[3].mark.line == 15);
  CHECK_THAT(d[3].message, Contains("unknown intervention `Task forse tour`"));
  CHECK_THAT(d[3].message, Contains("did you mean `Task force tour`?"));
  CHECK(d[4].mark.line == 16);
  CHECK_THAT(d[4].message, Contains("did you mean `intensity`?"));
  CHECK(d[5].mark.line == 17);
  CHECK(d[5].mark.column == 50);
  CHECK_THAT(d[5].message, Contains("= 2 is outside its valid range [0, 1]"));
  CHECK(d[6].mark.line == 18);
  CHECK_THAT(d[6].message, Contains("listed twice"));
}

TEST_CASE("a design gets the sizes it needs", "[scenario][sweep][errors]") {
  const auto grid = error_of("sweep: {design: grid, factors: {gamma: {}}}\n");
  CHECK(grid.line() == 9);
  CHECK_THAT(grid.message(), Contains("a grid over a `range` needs `levels:`"));

  const auto saltelli = error_of("sweep: {design: saltelli, factors: {gamma: {}}}\n");
  CHECK_THAT(saltelli.message(), Contains("it runs N x (factors + 2) points"));

  const auto levels = error_of("sweep: {design: sobol, points: 4, levels: 3, factors: {gamma:}}\n");
  CHECK_THAT(levels.message(), Contains("`levels` applies to grid and morris designs, not sobol"));

  const auto huge = error_of(
      "sweep: {design: grid, levels: 1000, factors: {gamma: {}, beta0.law: {}, beta0.unit: {}}}\n");
  CHECK_THAT(huge.message(),
             Contains("the sweep has 1000000000 points of 1 replicates, more than 100000000 runs"));

  const auto late = error_of(
      "sweep: {design: grid, levels: 2, factors: "
      "{intervention.Task force tour.start: {range: [2001Q1, 2002Q2]}}}\n");
  CHECK_THAT(late.message(), Contains("start after it ends (2002Q2 after 2001Q4)"));

  // Both ends swept: the latest start against the earliest end.
  const auto both = load_scenario(
      write_scenario(kHeader + "sweep: {design: grid, levels: 2, factors: {"
                               "intervention.Task force tour.start: {range: [2000Q1, 2002Q2]}, "
                               "intervention.Task force tour.end: {range: [2002Q2, 2003Q4]}}}\n"));
  CHECK(both.sweep->factors.size() == 2);
}
