// The `sweep:` section: factors by parameter name or symbol, interventions' and donors' fields,
// ranges (given or the parameter table's plausible range), value lists and distributions, the
// design; and every problem of a bad block at its line and column.

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "load_error.hpp"
#include "sim/model/parameter_table.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/sweep.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::DistributionKind;
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

TEST_CASE("a factor takes a distribution: normal, lognormal, triangular, uniform, cut or open",
          "[scenario][sweep][distribution]") {
  const auto scenario =
      load_scenario(write_scenario(
          kHeader + "sweep:\n"
                    "  design: latin_hypercube\n"
                    "  points: 4\n"
                    "  factors:\n"
                    "    psi0: {distribution: normal, mean: -5, sd: 0.5}\n"
                    "    gamma: {distribution: lognormal, median: 0.1, sd_log: 0.4}\n"
                    "    beta_R: {distribution: triangular, range: [1.5, 4.5], mode: 2}\n"
                    "    intervention.Task force tour.intensity: {distribution: uniform}\n"
                    "    donor.US government.foreignness: "
                    "{distribution: normal, mean: 0.7, sd: 0.1, range: [0.5, 1]}\n"
                    "    beta0.law: {distribution: triangular, mode: -3}\n"));
  REQUIRE(scenario.sweep);
  const auto& factors = scenario.sweep->factors;
  REQUIRE(factors.size() == 6);

  // Given no range, a normal is open: cut only at psi0's valid range, [-50, 50].
  const auto& psi0 = factors[0].distribution;
  CHECK(psi0.kind == DistributionKind::normal);
  CHECK(psi0.mean == -5);
  CHECK(psi0.sd == 0.5);
  CHECK(psi0.open);
  CHECK(factors[0].low == -50);
  CHECK(factors[0].high == 50);
  CHECK(factors[0].values.empty());

  // A lognormal over gamma (valid 0 to 1) leaves out P(Z > ln(10) / 0.4) = 4e-9 above 1.
  CHECK(factors[1].distribution.kind == DistributionKind::lognormal);
  CHECK(factors[1].distribution.median == 0.1);
  CHECK(factors[1].distribution.sd_log == 0.4);
  CHECK(factors[1].distribution.open);
  CHECK(factors[1].high == 1);

  CHECK(factors[2].distribution.kind == DistributionKind::triangular);
  CHECK(factors[2].distribution.mode == 2);
  CHECK_FALSE(factors[2].distribution.open);
  CHECK(factors[2].low == 1.5);
  CHECK(factors[2].high == 4.5);

  // A uniform or a triangular given no range spreads over the default one (0 to 1 here; the
  // parameter's plausible range, -7 to -1 for beta0.law).
  CHECK(factors[3].distribution.kind == DistributionKind::uniform);
  CHECK(factors[3].low == 0);
  CHECK(factors[3].high == 1);
  CHECK(factors[5].low == -7);
  CHECK(factors[5].high == -1);

  // A normal given a range is cut to it.
  CHECK(factors[4].distribution.kind == DistributionKind::normal);
  CHECK_FALSE(factors[4].distribution.open);
  CHECK(factors[4].low == 0.5);
  CHECK(factors[4].high == 1);

  CHECK_THAT(policysim::scenario::describe(scenario), Contains("latin_hypercube sweep of 6"));
}

TEST_CASE("a bad distribution gets every problem at its place, with the fix",
          "[scenario][sweep][distribution][errors]") {
  // Line 9 is `sweep:`.
  const auto e = error_of(
      "sweep:\n"
      "  design: random\n"                                                                  // 10
      "  points: 4\n"                                                                       // 11
      "  factors:\n"                                                                        // 12
      "    psi0: {distribution: normall, mean: -5, sd: 0.5}\n"                              // 13
      "    beta_R: {distribution: normal, mean: 3, values: [1, 2]}\n"                       // 14
      "    intervention.Task force tour.start: {distribution: uniform}\n"                   // 15
      "    beta0.law: {distribution: normal, mean: -3}\n"                                   // 16
      "    beta0.victim: {distribution: normal, mean: -3, sd: 0}\n"                         // 17
      "    beta0.multi: {distribution: lognormal, median: -1, sd_log: 0.4}\n"               // 18
      "    beta0.unit: {distribution: lognormal, median: 0.1, mean: 1, sd_log: 0.4}\n"      // 19
      "    beta_learning: {mean: 0.2}\n"                                                    // 20
      "    beta_emulation: {distribution: triangular, range: [1, 2], mode: 3}\n"            // 21
      "    beta_competition: {distribution: normal, mean: 0.5, sd: 0.01, range: [1, 2]}\n"  // 22
      "    theta_mean: {distribution: normal, mean: 0.1, sd: 0.1}\n"                        // 23
      "    beta_coercion: {distribution: normal, mean: 2, sd: 1, range: [-1, 3]}\n");       // 24
  const auto& d = e.diagnostics();
  REQUIRE(d.size() == 12);
  CHECK(d[0].mark.line == 13);
  CHECK(d[0].mark.column == 26);
  CHECK_THAT(d[0].message, Contains("did you mean `normal`?"));
  CHECK(d[1].mark.line == 14);
  CHECK(d[1].mark.column == 53);
  CHECK_THAT(d[1].message,
             Contains("factor `beta_R` gives both `distribution` and `values`; keep one"));
  CHECK(d[2].mark.line == 15);
  CHECK_THAT(d[2].message, Contains("factor `intervention.Task force tour.start` is a quarter and "
                                    "takes no `distribution`; give it `range: [2003Q1, 2006Q4]`"));
  CHECK(d[3].mark.line == 16);
  CHECK_THAT(d[3].message, Contains("the normal of factor `beta0.law` needs `sd`; a normal takes "
                                    "`mean`, `sd` and, to cut it, `range: [low, high]`"));
  CHECK(d[4].mark.line == 17);
  CHECK(d[4].mark.column == 56);
  CHECK_THAT(d[4].message, Contains("`sd` of factor `beta0.victim` is 0; it must be above 0"));
  CHECK(d[5].mark.line == 18);
  CHECK_THAT(d[5].message, Contains("`median` of factor `beta0.multi` is -1; it must be above 0"));
  CHECK(d[6].mark.line == 19);
  CHECK_THAT(d[6].message, Contains("`mean` of factor `beta0.unit` is a parameter of a normal, not "
                                    "of a lognormal; a lognormal takes `median`, `sd_log`"));
  CHECK(d[7].mark.line == 20);
  CHECK_THAT(d[7].message, Contains("`mean` of factor `beta_learning` belongs to a distribution: "
                                    "add `distribution: normal`, or remove it"));
  CHECK(d[8].mark.line == 21);
  CHECK_THAT(d[8].message, Contains("`mode` of factor `beta_emulation` is 3, outside its range "
                                    "[1, 2]; give a mode inside the range"));
  // 50 sd below the range: none of the normal's probability is in it.
  CHECK(d[9].mark.line == 22);
  CHECK_THAT(d[9].message, Contains("`range` [1, 2] of factor `beta_competition` holds 0% of its "
                                    "normal(mean 0.5, sd 0.01); check the distribution's"));
  // Phi(-1) = 15.87% of it lies below 0, theta_mean's least valid value.
  CHECK(d[10].mark.line == 23);
  CHECK_THAT(d[10].message,
             Contains("the normal(mean 0.1, sd 0.1) of factor `theta_mean` puts 15.9% of its "
                      "probability outside the factor's valid range [0, 1]; cut it there with "
                      "`range: [0, 1]`"));
  CHECK(d[11].mark.line == 24);
  CHECK_THAT(d[11].message,
             Contains("the low end of factor `beta_coercion` = -1 is outside its valid range"));
}

TEST_CASE("a grid takes a distribution only where it has ends of its own",
          "[scenario][sweep][distribution][errors]") {
  const auto open = error_of(
      "sweep: {design: grid, levels: 3, factors: {psi0: {distribution: normal, mean: -5, sd: "
      "0.5}}}\n");
  CHECK(open.line() == 9);
  CHECK(open.column() == 44);
  CHECK_THAT(open.message(),
             Contains("a grid takes factor `psi0` at quantiles 0 and 1 of its normal(mean -5, sd "
                      "0.5), which has no ends of its own"));
  CHECK_THAT(open.message(), Contains("give it `range: [low, high]` to cut it, or use a sampled "
                                      "design"));

  // Cut to a range, or a triangular: the grid's levels are its quantiles, ends included.
  const auto cut =
      load_scenario(write_scenario(
          kHeader + "sweep: {design: grid, levels: 3, factors: {"
                    "psi0: {distribution: normal, mean: -5, sd: 0.5, range: [-6, -4]}, "
                    "beta_R: {distribution: triangular, range: [1.5, 4.5], mode: 2}}}\n"));
  CHECK(cut.sweep->factors.size() == 2);
  const auto levels = error_of(
      "sweep: {design: grid, factors: {beta_R: {distribution: uniform, range: [1, 2]}}}\n");
  CHECK_THAT(levels.message(), Contains("a grid over a `range` needs `levels:`"));

  // A Morris design takes an open one: its levels are the middles of equally probable cells.
  const auto morris = load_scenario(
      write_scenario(kHeader + "sweep: {design: morris, points: 4, factors: {"
                               "psi0: {distribution: normal, mean: -5, sd: 0.5}, gamma: {}}}\n"));
  CHECK(morris.sweep->factors[0].distribution.open);
}
