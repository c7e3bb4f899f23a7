// Region codes and district names: a region's name in any language of the region table gets its
// code suggested; several districts resolve to their regions.

#include "sim/scenario/region_directory.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/scenario/region_data.hpp"
#include "sim/scenario/scenario.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::load_region_names;
using policysim::scenario::load_russia_regions;
using policysim::scenario::detail::RegionDirectory;
using policysim::scenario::testing::data_dir;

namespace {

RegionDirectory russia() {
  RegionDirectory directory = RegionDirectory::from_country(load_russia_regions(data_dir()));
  directory.set_region_names(load_region_names(data_dir()));
  return directory;
}

}  // namespace

TEST_CASE("the region table's names are read in every language it holds", "[scenario][regions]") {
  const auto names = load_region_names(data_dir());
  REQUIRE(names.size() == 83);
  // Row 45 of russia_regions_83.csv: RU-MUR, Murmansk Oblast, Мурманская область.
  const auto country = load_russia_regions(data_dir());
  const auto mur = static_cast<std::size_t>(
      std::find(country.codes.begin(), country.codes.end(), "RU-MUR") - country.codes.begin());
  CHECK(names[mur] == std::vector<std::string>{"Murmansk Oblast", "Мурманская область"});
}

TEST_CASE("a region's name where a code belongs gets the code", "[scenario][regions]") {
  const RegionDirectory directory = russia();
  CHECK_THAT(directory.unknown_region_message("Murmansk"),
             Contains("unknown region code `Murmansk`; `Murmansk` names RU-MUR (Murmansk Oblast): "
                      "write its code `RU-MUR`"));
  CHECK_THAT(directory.unknown_region_message("Мурманск"),
             Contains("names RU-MUR (Murmansk Oblast): write its code `RU-MUR`"));
  CHECK_THAT(directory.unknown_region_message("МУРМАНСКАЯ ОБЛАСТЬ"), Contains("`RU-MUR`"));
  // An exact name wins over names that merely start with it (Moscow Oblast).
  CHECK_THAT(directory.unknown_region_message("moscow"),
             Contains("names RU-MOW (Moscow): write its code `RU-MOW`"));
  CHECK_THAT(directory.unknown_region_message("Москва"), Contains("`RU-MOW`"));
  // A mistyped code still gets the nearest code.
  CHECK_THAT(directory.unknown_region_message("RU-MSK"), Contains("the nearest code is `RU-PSK`"));
}

TEST_CASE("several districts are the regions of each", "[scenario][regions][districts]") {
  const auto path = policysim::scenario::testing::write_scenario(
      "name: t\nstart: 2000Q1\nend: 2000Q4\nregions: russia83\n"
      "donors: [{name: EU, foreignness: 0.8, foreign: true}]\n"
      "interventions:\n"
      "  - {name: both, donor: EU, instrument: training, start: 2000Q1, end: 2000Q4,\n"
      "     targets: {district: [Far Eastern, Northwestern]}}\n");
  const auto s = policysim::scenario::load_scenario(path);
  const auto& targets = s.config.interventions.at(0).targets;
  CHECK(targets.kind == policysim::model::TargetedRegions::Kind::regions);
  // russia_regions_83.csv: 9 regions in the Far Eastern district, 11 in the Northwestern.
  CHECK(targets.regions.size() == 20);
  CHECK(std::is_sorted(targets.regions.begin(), targets.regions.end()));
  const auto country = load_russia_regions(data_dir());
  for (auto r : targets.regions) {
    const auto& district = country.district_names[country.district[r]];
    CHECK((district == "Far Eastern" || district == "Northwestern"));
  }
}

TEST_CASE("two districts in one name say how to list them", "[scenario][regions][districts]") {
  const RegionDirectory directory = russia();
  CHECK_THAT(directory.unknown_district_message("Far Eastern, Northwestern"),
             Contains("to target several districts, list them: {district: [Far Eastern, "
                      "Northwestern]}"));
  // Joined by a word, in any case and spelling the districts' names fold to: the districts named.
  CHECK_THAT(directory.unknown_district_message("north-western and Ural"),
             Contains("list them: {district: [Northwestern, Ural]}"));
  CHECK_THAT(directory.unknown_district_message("Far East and North-West"),
             Contains("list them: {district: [Far Eastern, Northwestern]}"));
  CHECK_THAT(directory.unknown_district_message("Far Eastern & Siberian & Volga"),
             Contains("list them: {district: [Far Eastern, Siberian, Volga]}"));
  // One district misspelt is not several.
  CHECK_THAT(directory.unknown_district_message("Far Eastrn"), !Contains("list them"));
  CHECK(RegionDirectory::synthetic(10, 2).regions_of_district(0) == std::nullopt);
}
