// The regions where two arms' programmes differ: the fixed targets of every intervention one arm
// has and the other lacks or runs otherwise; targets drawn per run are named, not counted.

#include "sim/runner/programme_regions.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "../model/fixtures.hpp"

using namespace policysim;
using model::TargetedRegions;

namespace {

model::Intervention intervention(const std::string& name, TargetedRegions targets,
                                 std::uint32_t donor = 0) {
  model::Intervention result;
  result.name = name;
  result.donor = donor;
  result.start = {2008, 1};
  result.end = {2011, 4};
  result.targets = std::move(targets);
  return result;
}

TargetedRegions district(std::uint32_t index) {
  TargetedRegions targets;
  targets.kind = TargetedRegions::Kind::district;
  targets.district = index;
  return targets;
}

TargetedRegions regions(std::vector<std::uint32_t> indices) {
  TargetedRegions targets;
  targets.kind = TargetedRegions::Kind::regions;
  targets.regions = std::move(indices);
  return targets;
}

model::Config base_config() {
  model::Config config;
  config.donors = {{"Domestic", 0.0, 1.0, false, model::Frame::balanced, {}},
                   {"EU", 0.6, 0.5, true, model::Frame::balanced, {}}};
  config.interventions = {intervention("Historical training", regions({1}))};
  return config;
}

using Regions = std::vector<std::uint32_t>;
using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("arms with the same programmes differ nowhere", "[runner][compare][regions]") {
  const auto country = model::testing::ring_country(8);  // West 0-3, East 4-7
  const auto found = runner::programme_regions(base_config(), base_config(), country);
  CHECK(found.regions.empty());
  CHECK(found.interventions.empty());
  CHECK(found.unfixed.empty());
}

TEST_CASE("an added programme's district and named regions are where the arms differ",
          "[runner][compare][regions]") {
  const auto country = model::testing::ring_country(8);
  auto arm = base_config();
  arm.interventions.push_back(intervention("EU police", district(1), 1));  // East: 4, 5, 6, 7
  arm.interventions.push_back(intervention("EU judges", regions({2, 5}), 1));
  const auto found = runner::programme_regions(arm, base_config(), country);
  CHECK(found.regions == Regions{2, 4, 5, 6, 7});
  CHECK(found.interventions == Names{"EU police", "EU judges"});
  // The same set from the other side: the reference lacks what the arm has.
  CHECK(runner::programme_regions(base_config(), arm, country).regions == Regions{2, 4, 5, 6, 7});
}

TEST_CASE("a programme run otherwise counts with its targets in both arms",
          "[runner][compare][regions]") {
  const auto country = model::testing::ring_country(8);
  auto eu = base_config();
  eu.interventions.push_back(intervention("Police training", district(1), 1));
  SECTION("other targets: both sets, the name once") {
    auto us = base_config();
    us.interventions.push_back(intervention("Police training", regions({0}), 1));
    const auto found = runner::programme_regions(eu, us, country);
    CHECK(found.regions == Regions{0, 4, 5, 6, 7});
    CHECK(found.interventions == Names{"Police training"});
  }
  SECTION("the same targets, another intensity") {
    auto us = eu;
    us.interventions.back().intensity = 0.5;
    CHECK(runner::programme_regions(eu, us, country).regions == Regions{4, 5, 6, 7});
  }
  SECTION("the same intervention, a donor with other foreignness") {
    auto us = eu;
    us.donors[1].foreignness = 1.0;
    CHECK(runner::programme_regions(eu, us, country).regions == Regions{4, 5, 6, 7});
  }
  SECTION("the same in every respect") {
    CHECK(runner::programme_regions(eu, eu, country).regions.empty());
  }
}

TEST_CASE("targets drawn per run are named and not counted", "[runner][compare][regions]") {
  const auto country = model::testing::ring_country(8);
  auto arm = base_config();
  TargetedRegions random;
  random.kind = TargetedRegions::Kind::random;
  random.count = 3;
  arm.interventions.push_back(intervention("Random grants", random));
  TargetedRegions all;
  all.kind = TargetedRegions::Kind::all;
  arm.interventions.push_back(intervention("National assembly", all));
  const auto found = runner::programme_regions(arm, base_config(), country);
  CHECK(found.unfixed == Names{"Random grants"});
  CHECK(found.interventions == Names{"National assembly"});
  CHECK(found.regions == Regions{0, 1, 2, 3, 4, 5, 6, 7});
}
