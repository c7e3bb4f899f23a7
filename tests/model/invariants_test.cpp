// Invariants over random parameter sets drawn within the plausible ranges of MODEL.md §7.

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "fixtures.hpp"
#include "sim/core/random.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/parameter_table.hpp"
#include "sim/model/simulation.hpp"

using namespace policysim::model;
using policysim::core::Quarter;
using policysim::core::RandomStream;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;

namespace {

bool level(double x) { return x >= 0.0 && x <= 1.0; }
bool count(double x) { return x >= 0.0 && std::floor(x) == x; }

}  // namespace

TEST_CASE("levels stay in [0,1], counts are non-negative and nothing is NaN that should not be",
          "[model][invariants]") {
  const Country country = ring_country(7, true);
  const Config base = busy_config(country, Quarter{2001, 1}, Quarter{2005, 4});
  const RandomStream stream(2024, 99);
  const std::set<std::string> may_be_nan = {"resistance_toured_minus_other"};
  const auto specs = parameter_specs();
  for (std::uint32_t set = 0; set < 200; ++set) {
    Config config = base;
    auto draws = stream.sequence(set, 0, 0);
    for (const ParameterSpec& spec : specs) {
      spec.field(config.params) =
          spec.plausible_low + draws.uniform() * (spec.plausible_high - spec.plausible_low);
    }
    config.adoption_mode = static_cast<AdoptionMode>(set % 3);
    config.mechanisms.obstruction = set % 2 == 0;
    INFO("parameter set " << set);
    Simulation simulation(config, country);
    const RunOutput out = simulation.run(set, {.region_series = true, .parallel = false});
    const int ticks = config.tick_count();
    const std::size_t width = series_metric_names().size();
    double previous_alive = 1e18;
    for (int t = 0; t < ticks; ++t) {
      const double* row = out.series.data() + static_cast<std::size_t>(t) * width;
      for (std::size_t m = 0; m < width; ++m) {
        if (may_be_nan.count(std::string(series_metric_names()[m])) == 0) {
          REQUIRE_FALSE(std::isnan(row[m]));
        }
      }
      for (std::size_t k = 0; k < kReformCount; ++k) {
        CHECK(count(row[column(for_reform(SeriesMetric::adopted_law, k))]));
        CHECK(level(row[column(for_reform(SeriesMetric::share_adopted_law, k))]));
        CHECK(level(row[column(for_reform(SeriesMetric::mean_law, k))]));
      }
      CHECK(level(row[column(SeriesMetric::resistance_q05)]));
      CHECK(row[column(SeriesMetric::resistance_q05)] <= row[column(SeriesMetric::resistance_q50)]);
      CHECK(row[column(SeriesMetric::resistance_q50)] <= row[column(SeriesMetric::resistance_q95)]);
      CHECK(level(row[column(SeriesMetric::P)]));
      CHECK(level(row[column(SeriesMetric::lambda)]));
      const double unit = row[column(SeriesMetric::U)];
      CHECK((unit == 0.0 || unit == 1.0 || unit == 2.0));
      CHECK(count(row[column(SeriesMetric::cases)]));
      CHECK(count(row[column(SeriesMetric::convictions)]));
      CHECK(row[column(SeriesMetric::convictions)] <= row[column(SeriesMetric::cases)]);
      const double alive = row[column(SeriesMetric::ngos_alive)];
      CHECK(count(alive));
      CHECK(alive <= previous_alive);  // closure is for good
      previous_alive = alive;
      CHECK(row[column(SeriesMetric::foreign_intensity)] >= 0.0);
      CHECK(row[column(SeriesMetric::domestic_intensity)] >= 0.0);
    }
    for (double cell : out.region_series) {
      REQUIRE_FALSE(std::isnan(cell));
      CHECK(cell >= 0.0);
    }
    const std::size_t region_width = region_metric_names().size();
    for (std::size_t cell = 0; cell < out.region_series.size(); cell += region_width) {
      for (std::size_t m = 0; m < column(RegionMetric::cases); ++m) {
        CHECK(level(out.region_series[cell + m]));
      }
    }
    CHECK(out.outcome(Outcome::total_cases) >= 0.0);
    CHECK(out.outcome(Outcome::total_convictions) <= out.outcome(Outcome::total_cases));
    CHECK(level(out.outcome(Outcome::peak_resistance)));
  }
}
