#include "sim/scenario/synthetic_country.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

using policysim::scenario::make_synthetic_country;
using policysim::scenario::synthetic_degree_bounds;

namespace {

std::vector<std::size_t> degrees(const policysim::model::Country& country) {
  std::vector<std::size_t> degree(country.region_count(), 0);
  for (const auto& e : country.land_edges) {
    ++degree[e.a];
    ++degree[e.b];
  }
  return degree;
}

}  // namespace

TEST_CASE("a synthetic country has simple undirected edges within the degree bounds",
          "[scenario][synthetic]") {
  const auto country = make_synthetic_country(2000, 12, 7);
  REQUIRE(country.region_count() == 2000);
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const auto& e : country.land_edges) {
    REQUIRE(e.a < e.b);  // each undirected edge once, no self loops
    REQUIRE(e.b < 2000);
    REQUIRE(seen.insert({e.a, e.b}).second);
  }
  const auto bounds = synthetic_degree_bounds(2000, 8.0);
  CHECK(bounds.low == 6);
  CHECK(bounds.high == 10);
  const auto degree = degrees(country);
  CHECK(*std::min_element(degree.begin(), degree.end()) >= bounds.low);
  CHECK(*std::max_element(degree.begin(), degree.end()) <= bounds.high);
  const double mean = 2.0 * static_cast<double>(country.land_edges.size()) / 2000.0;
  CHECK(mean == Approx(8.0).margin(0.75));
}

TEST_CASE("synthetic districts cover every region and have their centres inside",
          "[scenario][synthetic]") {
  const auto country = make_synthetic_country(500, 7, 3);
  REQUIRE(country.district_names.size() == 7);
  REQUIRE(country.district_centre.size() == 7);
  std::vector<std::size_t> members(7, 0);
  for (auto d : country.district) {
    REQUIRE(d < 7);
    ++members[d];
  }
  for (std::size_t d = 0; d < 7; ++d) {
    CHECK(members[d] >= 500 / 7 - 1);
    CHECK(country.district[country.district_centre[d]] == d);
  }
  REQUIRE(country.national_centres.size() == 2);
  CHECK(country.national_centres[0] == country.district_centre[0]);
  CHECK(country.national_centres[1] == country.district_centre[1]);
  const auto high = std::count(country.high_exposure.begin(), country.high_exposure.end(), 1);
  CHECK(high > 0);
  CHECK(high < 100);
  CHECK(country.codes[42] == "S0000042");
  CHECK(std::all_of(country.size.begin(), country.size.end(), [](double s) { return s == 1.0; }));
}

TEST_CASE("the same seed gives the same synthetic country and another seed another",
          "[scenario][synthetic][determinism]") {
  const auto a = make_synthetic_country(300, 5, 11);
  const auto b = make_synthetic_country(300, 5, 11);
  const auto c = make_synthetic_country(300, 5, 12);
  auto edges = [](const policysim::model::Country& country) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> list;
    for (const auto& e : country.land_edges) list.emplace_back(e.a, e.b);
    return list;
  };
  CHECK(edges(a) == edges(b));
  CHECK(a.district == b.district);
  CHECK(a.district_centre == b.district_centre);
  CHECK(a.high_exposure == b.high_exposure);
  CHECK(edges(a) != edges(c));
  CHECK(a.district != c.district);
}

TEST_CASE("tiny synthetic countries cap the degree at the number of other regions",
          "[scenario][synthetic]") {
  const auto one = make_synthetic_country(1, 1, 1);
  CHECK(one.land_edges.empty());
  CHECK(one.national_centres.size() == 1);
  const auto five = make_synthetic_country(5, 2, 1);
  CHECK(five.land_edges.size() == 10);  // complete graph: every degree is 4 = regions - 1
  CHECK_THROWS_AS(make_synthetic_country(0, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(make_synthetic_country(5, 6, 1), std::invalid_argument);
  CHECK_THROWS_AS(make_synthetic_country(5, 1, 1, 0.0), std::invalid_argument);
}

TEST_CASE("synthetic regions are numbered so that most land neighbours have near indices",
          "[scenario][synthetic]") {
  // In a random numbering the index gap of an edge is about n (1 - 1/sqrt 2) ~ 2900 at the
  // median; along a space-filling curve most neighbours are a few dozen indices apart.
  const std::size_t n = 10000;
  const auto country = make_synthetic_country(n, 12, 3);
  std::vector<std::uint32_t> gap;
  for (const auto& e : country.land_edges) gap.push_back(e.b - e.a);
  std::nth_element(gap.begin(), gap.begin() + static_cast<std::ptrdiff_t>(gap.size() / 2),
                   gap.end());
  CHECK(gap[gap.size() / 2] < n / 100);
}
