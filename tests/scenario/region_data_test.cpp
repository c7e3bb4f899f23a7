#include "sim/scenario/region_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/scenario_error.hpp"

using policysim::scenario::load_russia_regions;

namespace {

const std::filesystem::path kDataDir =
    std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/data";

std::uint32_t index_of(const policysim::model::Country& country, const std::string& code) {
  auto it = std::find(country.codes.begin(), country.codes.end(), code);
  REQUIRE(it != country.codes.end());
  return static_cast<std::uint32_t>(it - country.codes.begin());
}

std::size_t degree(const policysim::model::Country& country, std::uint32_t region) {
  return static_cast<std::size_t>(
      std::count_if(country.land_edges.begin(), country.land_edges.end(),
                    [&](const auto& e) { return e.a == region || e.b == region; }));
}

}  // namespace

TEST_CASE("the Russian regions load with 83 unique codes and 187 land edges",
          "[scenario][regions]") {
  const auto country = load_russia_regions(kDataDir);
  REQUIRE(country.region_count() == 83);
  CHECK(std::set<std::string>(country.codes.begin(), country.codes.end()).size() == 83);
  CHECK(country.names.size() == 83);
  CHECK(country.land_edges.size() == 187);
  CHECK(country.names[index_of(country, "RU-MOW")] == "Moscow");
  std::set<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (const auto& e : country.land_edges) {
    CHECK(e.a < e.b);
    CHECK(edges.insert({e.a, e.b}).second);
  }
  CHECK(degree(country, index_of(country, "RU-KGD")) == 0);
  CHECK(degree(country, index_of(country, "RU-SAK")) == 0);
  CHECK(std::all_of(country.size.begin(), country.size.end(), [](double s) { return s == 1.0; }));
}

TEST_CASE("optional edge kinds are added only when a scenario lists them", "[scenario][regions]") {
  const std::vector<std::string> both = {"land_from_2012", "doubtful"};
  CHECK(load_russia_regions(kDataDir, both).land_edges.size() == 189);
  const std::vector<std::string> one = {"doubtful"};
  const auto country = load_russia_regions(kDataDir, one);
  CHECK(country.land_edges.size() == 188);
  const auto ore = index_of(country, "RU-ORE"), sar = index_of(country, "RU-SAR");
  CHECK(std::any_of(country.land_edges.begin(), country.land_edges.end(), [&](const auto& e) {
    return (e.a == ore && e.b == sar) || (e.a == sar && e.b == ore);
  }));
}

TEST_CASE("federal districts of the 2000s have the right centres and exposure",
          "[scenario][regions]") {
  const auto country = load_russia_regions(kDataDir);
  REQUIRE(country.district_names.size() == 7);
  const std::vector<std::pair<std::string, std::string>> centres = {
      {"Central", "RU-MOW"},    {"Northwestern", "RU-SPE"}, {"Southern", "RU-ROS"},
      {"Volga", "RU-NIZ"},      {"Ural", "RU-SVE"},         {"Siberian", "RU-NVS"},
      {"Far Eastern", "RU-KHA"}};
  for (std::size_t d = 0; d < 7; ++d) {
    CHECK(country.district_names[d] == centres[d].first);
    CHECK(country.codes[country.district_centre[d]] == centres[d].second);
    CHECK(country.district[country.district_centre[d]] == d);
  }
  REQUIRE(country.national_centres.size() == 2);
  CHECK(country.codes[country.national_centres[0]] == "RU-MOW");
  CHECK(country.codes[country.national_centres[1]] == "RU-SPE");
  std::size_t far_east = 0;
  for (std::size_t r = 0; r < 83; ++r) {
    if (country.district[r] == 6) {
      ++far_east;
      CHECK(country.high_exposure[r] == 1);
    }
  }
  CHECK(far_east == 9);
  for (const char* code : {"RU-KGD", "RU-KR", "RU-LEN", "RU-MUR", "RU-PSK", "RU-MOW", "RU-SPE"}) {
    CHECK(country.high_exposure[index_of(country, code)] == 1);
  }
  CHECK(country.high_exposure[index_of(country, "RU-SAR")] == 0);
  CHECK(std::count(country.high_exposure.begin(), country.high_exposure.end(), 1) == 16);
}

TEST_CASE("CSV fields in quotes may hold commas, quotes and line breaks", "[scenario][regions]") {
  const auto table = policysim::scenario::parse_csv(
      "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",\n", "t.csv");
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0][1] == "x, y");
  CHECK(table.rows[0][2] == "say \"hi\"");
  CHECK(table.rows[1][1] == "two\nlines");
  CHECK(table.rows[1][2].empty());
  CHECK(table.row_lines[1] == 4);
  try {
    policysim::scenario::parse_csv("a,b\n1,2,3\n", "t.csv");
    FAIL("expected an error");
  } catch (const policysim::scenario::ScenarioError& e) {
    CHECK(e.line() == 2);
    CHECK(e.message().find("3 fields") != std::string::npos);
  }
}
