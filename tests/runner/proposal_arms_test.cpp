// A batch of a calibration's proposals as arms: each named as its proposal, its parameter
// columns the proposal's values, its configuration the scenario's with them applied, and the
// scenario itself left as it was.

#include <catch2/catch.hpp>

#include "sim/model/parameter_table.hpp"
#include "sim/runner/proposal_arms.hpp"

using policysim::runner::ArmSource;
using policysim::runner::proposal_arms;
using policysim::runner::ProposalBatch;
using policysim::scenario::FactorKind;
using policysim::scenario::Scenario;
using policysim::scenario::SweepFactor;

namespace {

SweepFactor parameter_factor(const char* name) {
  SweepFactor factor;
  factor.path = name;
  factor.column = name;
  factor.kind = FactorKind::parameter;
  factor.target = name;
  factor.low = 0;
  factor.high = 1;
  return factor;
}

}  // namespace

TEST_CASE("a proposal's arm carries its name and values into its configuration", "[runner]") {
  Scenario scenario;
  scenario.calibration.emplace();
  scenario.calibration->parameters = {parameter_factor("gamma"), parameter_factor("delta_J")};
  const double gamma_prior = policysim::model::find_parameter("gamma")->prior;
  REQUIRE(scenario.config.params.gamma == gamma_prior);

  ArmSource arms;
  {
    // The arms are made after the batch they came from is gone, as a runner makes them.
    const ProposalBatch batch{{"g01_p00000003", "g01_p00000007"}, {{0.25, 0.5}, {0.125, 0.75}}};
    arms = proposal_arms(scenario, batch);
  }
  REQUIRE(arms.count == 2);
  const auto second = arms.make(1);
  CHECK(second.name == "g01_p00000007");
  CHECK(second.parameters == std::vector<double>{0.125, 0.75});
  CHECK(second.config.params.gamma == 0.125);
  CHECK(second.config.params.delta_J == 0.75);
  const auto first = arms.make(0);
  CHECK(first.name == "g01_p00000003");
  CHECK(first.config.params.gamma == 0.25);
  CHECK(first.config.params.delta_J == 0.5);
  CHECK(scenario.config.params.gamma == gamma_prior);
}
