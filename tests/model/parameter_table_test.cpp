#include "sim/model/parameter_table.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <set>
#include <string>

using policysim::model::find_parameter;
using policysim::model::parameter_specs;
using policysim::model::Params;

TEST_CASE("every parameter's prior is the default in Params and lies within its ranges",
          "[model][parameters]") {
  Params defaults;
  for (const auto& spec : parameter_specs()) {
    INFO(std::string(spec.name));
    CHECK(spec.field(defaults) == spec.prior);
    CHECK(spec.valid_min <= spec.plausible_low);
    CHECK(spec.plausible_low <= spec.prior);
    CHECK(spec.prior <= spec.plausible_high);
    CHECK(spec.plausible_high <= spec.valid_max);
    CHECK(!spec.description.empty());
  }
}

TEST_CASE("parameter names are unique and each names a different field", "[model][parameters]") {
  std::set<std::string> names;
  std::set<const double*> fields;
  Params params;
  for (const auto& spec : parameter_specs()) {
    CHECK(names.insert(std::string(spec.name)).second);
    CHECK(fields.insert(&spec.field(params)).second);
  }
}

TEST_CASE("the table covers every magnitude in Params", "[model][parameters]") {
  // Params holds only doubles (and arrays of them), so its size counts its magnitudes.
  static_assert(sizeof(Params) % sizeof(double) == 0);
  CHECK(parameter_specs().size() == sizeof(Params) / sizeof(double));
}

TEST_CASE("parameters are found by name, per-reform and per-instrument entries included",
          "[model][parameters]") {
  REQUIRE(find_parameter("beta0.victim") != nullptr);
  CHECK(find_parameter("beta0.victim")->prior == -5.0);
  REQUIRE(find_parameter("upsilon0.second") != nullptr);
  CHECK(find_parameter("upsilon0.second")->prior == -5.75);
  REQUIRE(find_parameter("effect.conference.multi") != nullptr);
  CHECK(find_parameter("effect.conference.multi")->prior == 1.0);
  REQUIRE(find_parameter("visibility.training") != nullptr);
  CHECK(find_parameter("visibility.training")->prior == 0.2);
  CHECK(find_parameter("no_such_parameter") == nullptr);
  Params params;
  find_parameter("gamma")->field(params) = 0.2;
  CHECK(params.gamma == 0.2);
}

TEST_CASE("a spec symbol finds the parameter MODEL.md §7 gives it, and no other",
          "[model][parameters]") {
  using policysim::model::find_parameter_by_symbol;
  // §7: "β_R resistance | 3.0 | 1–6"; "β_M emulation; h_M | 1.0; 4 ticks | 0–3; 2–8";
  // "β_T[k] capacity (law, victim, multi, unit) | 2, 2, 1, 1 | 0–4".
  REQUIRE(find_parameter_by_symbol("beta_R") != nullptr);
  CHECK(find_parameter_by_symbol("beta_R")->name == "beta_resistance");
  CHECK(find_parameter_by_symbol("beta_R")->prior == 3.0);
  CHECK(find_parameter_by_symbol("beta_R")->plausible_low == 1.0);
  CHECK(find_parameter_by_symbol("beta_R")->plausible_high == 6.0);
  REQUIRE(find_parameter_by_symbol("h_M") != nullptr);
  CHECK(find_parameter_by_symbol("h_M")->name == "emulation_half_life_ticks");
  REQUIRE(find_parameter_by_symbol("beta_T.unit") != nullptr);
  CHECK(find_parameter_by_symbol("beta_T.unit")->prior == 1.0);
  // A symbol that is the name itself is not an alias, and an unknown one finds nothing.
  CHECK(find_parameter_by_symbol("betaJR") == nullptr);
  CHECK(find_parameter_by_symbol("beta_X") == nullptr);
  CHECK(find_parameter_by_symbol("") == nullptr);
}

TEST_CASE("every parameter has a unit, and no symbol is another parameter's name or symbol",
          "[model][parameters]") {
  std::set<std::string> names, symbols;
  for (const auto& spec : parameter_specs()) names.insert(std::string(spec.name));
  for (const auto& spec : parameter_specs()) {
    INFO(std::string(spec.name));
    CHECK_FALSE(spec.unit.empty());
    if (spec.symbol.empty() || spec.symbol == spec.name) continue;
    CHECK(names.count(std::string(spec.symbol)) == 0);
    CHECK(symbols.insert(std::string(spec.symbol)).second);
  }
}
