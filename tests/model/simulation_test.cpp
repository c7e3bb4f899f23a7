#include "sim/model/simulation.hpp"

#include <tbb/global_control.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <new>

#include "fixtures.hpp"
#include "sim/core/reduce.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/state.hpp"
#include "sim/model/static_world.hpp"
#include "sim/model/tick_scratch.hpp"

using namespace policysim::model;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;
using policysim::model::testing::same_bytes;

// Every allocation of this test executable is counted, for the test that runs reuse buffers.
// All the non-aligned forms are replaced together, so that each pair of new and delete matches
// (sanitizers check that).
namespace {
std::atomic<std::size_t> allocations{0};
void* counted_allocation(std::size_t size) noexcept {
  ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* counted_allocation_or_throw(std::size_t size) {
  if (void* memory = counted_allocation(size)) return memory;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_allocation_or_throw(size); }
void* operator new[](std::size_t size) { return counted_allocation_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size);
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete[](void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete[](void* memory, const std::nothrow_t&) noexcept { std::free(memory); }

namespace {

bool same_output(const RunOutput& a, const RunOutput& b) {
  if (!same_bytes(a.series, b.series) || !same_bytes(a.region_series, b.region_series) ||
      !same_bytes(a.outcomes, b.outcomes) || a.events.size() != b.events.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    if (a.events[i].tick != b.events[i].tick || a.events[i].kind != b.events[i].kind ||
        a.events[i].region != b.events[i].region || a.events[i].detail != b.events[i].detail) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a run's outputs have the shapes the metric names promise", "[model][simulation]") {
  const Country country = ring_country(6);
  Simulation simulation(busy_config(country), country);
  const RunOutput out = simulation.run(7, {.region_series = true, .parallel = false});
  CHECK(series_metric_names().size() == kSeriesMetrics.size());
  CHECK(region_metric_names().size() == kRegionMetrics.size());
  CHECK(out.series.size() == 64 * series_metric_names().size());
  CHECK(out.region_series.size() == std::size_t{64} * 6 * region_metric_names().size());
  CHECK(out.outcomes.size() == outcome_names().size());
  CHECK(series_metric_names()[column(SeriesMetric::resistance_toured_minus_other)] ==
        "resistance_toured_minus_other");
  CHECK(outcome_names()[column(Outcome::law_passed_year)] == "law_passed_year");
  CHECK(outcome_names()[column(for_reform(Outcome::share_of_peak_kept_law, 3))] ==
        "share_of_peak_kept_unit");
  const RunOutput plain = simulation.run(7, {.region_series = false, .parallel = false});
  CHECK(plain.region_series.empty());
  CHECK(same_bytes(plain.series, out.series));
}

TEST_CASE("the same seed gives the same run and another seed a different one",
          "[model][determinism]") {
  const Country country = ring_country(6);
  Simulation simulation(busy_config(country), country);
  const RunOutput first = simulation.run(11, {.region_series = true, .parallel = false});
  const RunOutput other = simulation.run(12, {.region_series = true, .parallel = false});
  const RunOutput again = simulation.run(11, {.region_series = true, .parallel = false});
  CHECK(same_output(first, again));
  CHECK_FALSE(same_bytes(first.region_series, other.region_series));
}

TEST_CASE("a whole run is the same serial and parallel, byte for byte", "[model][determinism]") {
  const Country country = ring_country(24);
  Config config = busy_config(country);
  config.mechanisms.obstruction = true;
  Simulation simulation(config, country);
  const RunOutput serial = simulation.run(3, {.region_series = true, .parallel = false});
  // One region per task: the parallel path really splits.
  const RunOutput parallel =
      simulation.run(3, {.region_series = true, .parallel = true, .agents_per_task = 1});
  CHECK(same_output(serial, parallel));
}

TEST_CASE("a whole run is bit-identical at 1, 2 and 4 threads", "[model][determinism]") {
  const Country country = ring_country(30);
  Simulation simulation(busy_config(country), country);
  std::vector<RunOutput> outputs;
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    outputs.push_back(
        simulation.run(5, {.region_series = true, .parallel = true, .agents_per_task = 2}));
  }
  CHECK(same_output(outputs[0], outputs[1]));
  CHECK(same_output(outputs[0], outputs[2]));
}

TEST_CASE("a Simulation can be moved and keeps running", "[model][simulation]") {
  const Country country = ring_country(6);
  Simulation first(busy_config(country), country);
  const RunOutput before = first.run(9, {.region_series = false, .parallel = false});
  Simulation moved = std::move(first);
  const RunOutput after = moved.run(9, {.region_series = false, .parallel = false});
  CHECK(same_bytes(before.series, after.series));
}

TEST_CASE("outcomes are consistent with the series", "[model][outcomes]") {
  const Country country = ring_country(6);
  Simulation simulation(busy_config(country), country);
  const RunOutput out = simulation.run(21, {.region_series = false, .parallel = false});
  const std::size_t width = series_metric_names().size();
  const std::size_t last = 63 * width;
  CHECK(out.outcome(Outcome::final_adopted_law) ==
        out.series[last + column(SeriesMetric::adopted_law)]);
  CHECK(out.outcome(Outcome::final_resistance) ==
        out.series[last + column(SeriesMetric::resistance_mean)]);
  double cases = 0.0;
  for (std::size_t t = 0; t < 64; ++t) cases += out.series[t * width + column(SeriesMetric::cases)];
  CHECK(out.outcome(Outcome::total_cases) == cases);
  for (std::size_t k = 0; k < kReformCount; ++k) {
    CHECK(out.outcome(for_reform(Outcome::quarters_to_third_law, k)) >= 1.0);
    CHECK(out.outcome(for_reform(Outcome::quarters_to_third_law, k)) <= 64.0);
  }
  // The US donor's horizon and the Nordic exchange both end in 2009Q4: foreign money stops, and
  // 2012Q4, the last quarter, is 12 quarters later, so the count then is the final count.
  CHECK(out.outcome(Outcome::adopted_12q_after_foreign_stop_law) ==
        out.outcome(Outcome::final_adopted_law));
}

TEST_CASE("Moran's I is positive for a clustered pattern and negative for an alternating one",
          "[model][outcomes]") {
  const Country country = ring_country(8);
  Simulation simulation(busy_config(country), country);
  const std::vector<double> clustered = {1, 1, 1, 1, 0, 0, 0, 0};
  const std::vector<double> alternating = {1, 0, 1, 0, 1, 0, 1, 0};
  // Row-normalised ring: I = sum over the 8 edges of z_i z_j / sum z^2 with z = +-0.5; six edges
  // join equal values and two join unequal ones, so I = (6 - 2) 0.25 / (8 0.25) = 0.5.
  CHECK(morans_i(simulation.static_world(), clustered) == Approx(0.5));
  CHECK(morans_i(simulation.static_world(), alternating) == Approx(-1.0));
  CHECK(std::isnan(morans_i(simulation.static_world(), std::vector<double>(8, 0.5))));
}

TEST_CASE("recorded resistance quantiles agree with core::quantile", "[model][outputs]") {
  // Two and three regions put several quantiles between the same two order statistics; up to
  // kSortedQuantileRegions regions are kept sorted, more are selected.
  static_assert(kSortedQuantileRegions < 600);
  for (const std::uint32_t regions : {2U, 3U, 13U, 600U}) {
    const Country country = ring_country(regions);
    Simulation simulation(busy_config(country), country);
    const RunOutput out = simulation.run(31, {.region_series = true, .parallel = false});
    const std::size_t width = series_metric_names().size();
    for (std::size_t t = 0; t < 64; t += 7) {
      std::vector<double> rho;
      for (std::size_t r = 0; r < regions; ++r) {
        rho.push_back(out.region_series[(t * regions + r) * kRegionMetrics.size() +
                                        column(RegionMetric::rho)]);
      }
      const double* row = out.series.data() + t * width;
      CHECK(row[column(SeriesMetric::resistance_q05)] ==
            Approx(policysim::core::quantile(rho, 0.05)));
      CHECK(row[column(SeriesMetric::resistance_q50)] ==
            Approx(policysim::core::quantile(rho, 0.50)));
      CHECK(row[column(SeriesMetric::resistance_q95)] ==
            Approx(policysim::core::quantile(rho, 0.95)));
    }
  }
}

TEST_CASE("a large country runs the same serially and with the default parallel grain",
          "[model][determinism][scale]") {
  const Country country = ring_country(2400);
  Config config =
      busy_config(country, policysim::core::Quarter{2001, 1}, policysim::core::Quarter{2004, 4});
  Simulation simulation(config, country);
  const RunOutput serial = simulation.run(8, {.region_series = false, .parallel = false});
  const RunOutput parallel = simulation.run(8, {.region_series = false, .parallel = true});
  CHECK(same_output(serial, parallel));
}

TEST_CASE("each region emulates the national centres, then its district centre, never itself",
          "[model][simulation][emulation]") {
  // Six regions: districts {0, 1, 2} (centre 0) and {3, 4, 5} (centre 3); region 0 is the
  // national centre, so district 0 adds no reference of its own.
  const Country country = ring_country(6);
  Simulation simulation(Config{}, country);
  const StaticWorld& fixed = simulation.static_world();
  auto references = [&fixed](std::size_t r) {
    std::vector<std::uint32_t> regions;
    fixed.for_each_reference(
        r, [&](std::uint32_t slot) { regions.push_back(fixed.reference_regions[slot]); });
    return regions;
  };
  using List = std::vector<std::uint32_t>;
  CHECK(fixed.reference_regions.size() == 2);
  CHECK(references(0) == List{});
  CHECK(references(1) == List{0});
  CHECK(references(2) == List{0});
  CHECK(references(3) == List{0});
  CHECK(references(4) == List{0, 3});
  CHECK(references(5) == List{0, 3});
  // A district's references are those of its regions that are not centres; only the centres
  // leave themselves out.
  auto district_references = [&fixed](std::size_t d) {
    std::vector<std::uint32_t> regions;
    fixed.for_each_district_reference(
        d, [&](std::uint32_t slot) { regions.push_back(fixed.reference_regions[slot]); });
    return regions;
  };
  CHECK(district_references(0) == List{0});
  CHECK(district_references(1) == List{0, 3});
  for (std::size_t r = 0; r < 6; ++r) {
    CAPTURE(r);
    CHECK(fixed.is_centre(r) == (r == 0 || r == 3));
  }
}

TEST_CASE("land adjacency is row-normalised over each region's neighbours, and repeats are refused",
          "[model][simulation]") {
  Country country = ring_country(6, /*isolated_last=*/true);
  country.land_edges.push_back({1, 3});
  const Simulation simulation(Config{}, country);
  const StaticWorld& fixed = simulation.static_world();
  // Region 1 borders 0, 2 and 3; region 5 is isolated.
  REQUIRE(fixed.geo.neighbours(1).size() == 3);
  CHECK(fixed.geo.neighbours(1)[2] == 3);
  CHECK(fixed.geo.neighbour_weight(1) == 1.0 / 3.0);
  CHECK(fixed.geo.neighbours(5).empty());

  country.land_edges.push_back({3, 1});
  CHECK_THROWS_WITH(Simulation(Config{}, country),
                    Catch::Matchers::Contains("country: land edge 1-3 is given twice"));
}

TEST_CASE("a run allocates only to grow: the same run again allocates nothing",
          "[model][simulation][memory]") {
  // The busy configuration redraws random targets, tie patterns and events every run, so a seed
  // may need more room than the run before it (a larger tie pattern, more events, longer names);
  // run again, it finds every buffer, the reused output's included, large enough.
  const Country country = ring_country(40);
  Simulation simulation(busy_config(country), country);
  const bool parallel = GENERATE(false, true);
  const RunOptions options{.region_series = true, .parallel = parallel};
  RunOutput output;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    simulation.run(seed, options, output);
    const std::size_t before = allocations.load();
    simulation.run(seed, options, output);
    const std::size_t during = allocations.load() - before;
    INFO("seed " << seed << (parallel ? ", parallel" : ", serial"));
    CHECK(during == 0);
    CHECK(!output.events.empty());  // events were named into the reused output
  }
}

TEST_CASE("a large country's run allocates only to grow as well", "[model][simulation][memory]") {
  // Above 2^15 regions the quantiles come from parallel histograms and the reductions split
  // into many blocks: none of it may allocate. Two years keep the test short.
  const Country country = ring_country(40000);
  Simulation simulation(busy_config(country, {2003, 1}, {2004, 4}), country);
  const RunOptions options{.region_series = false, .parallel = true};
  RunOutput output;
  simulation.run(1, options, output);
  const std::size_t before = allocations.load();
  simulation.run(1, options, output);
  CHECK(allocations.load() - before == 0);
}

TEST_CASE("NGO names and initial state are made from the placement, not stored",
          "[model][simulation][ngos]") {
  const Country country = ring_country(6);
  Config config;
  config.named_ngos.push_back({"Angel Coalition", 2, 1.5, -0.2, 0.7, 0.3});
  Simulation simulation(config, country);
  const StaticWorld& fixed = simulation.static_world();
  REQUIRE(fixed.ngo_count == fixed.default_ngo_count + 1);
  // Defaults are numbered from 1 within their region, in region order.
  std::vector<int> seen(country.region_count(), 0);
  for (std::size_t i = 0; i < fixed.default_ngo_count; ++i) {
    const std::uint32_t r = fixed.ngo_region[i];
    CHECK(ngo_name(fixed, config, i) ==
          "ngo-" + country.codes[r] + "-" + std::to_string(++seen[r]));
  }
  CHECK(seen[0] > 1);  // a highly exposed region has more than one default NGO
  const std::size_t named = fixed.default_ngo_count;
  CHECK(ngo_name(fixed, config, named) == "Angel Coalition");

  // Every run starts from the same initial NGO state, whatever the previous run left.
  simulation.run(5, {.region_series = false, .parallel = false});
  RunOutput output;
  simulation.start(6, {.region_series = false, .parallel = false}, output);
  const NgoState& ngos = simulation.state().ngos;
  CHECK(ngos.resources[named] == 1.5);
  CHECK(ngos.foreign_share[named] == 0.0);  // clipped to [0,1]
  CHECK(ngos.legitimacy[named] == 0.7);
  CHECK(ngos.tie[named] == 0.3);
  for (std::size_t i = 0; i < named; ++i) {
    CHECK(ngos.resources[i] == config.params.ngo_R0);
    CHECK(ngos.tie[i] == config.params.ngo_tie0);
    CHECK(ngos.alive[i] == 1);
    CHECK(ngos.quarters_below_minimum[i] == 0);
  }
}
