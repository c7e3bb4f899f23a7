// The tables of outputs and events: what the compile-time checks do not cover.

#include "sim/model/metrics.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "sim/model/events.hpp"

using namespace policysim::model;

namespace {

// Names distinct, and every row with a description (and a unit where `needs_unit`).
template <class Enum, std::size_t N>
void check_table(const std::array<Described<Enum>, N>& table, bool needs_unit) {
  std::set<std::string_view> names;
  for (const auto& row : table) {
    INFO(row.name);
    CHECK(names.insert(row.name).second);
    CHECK_FALSE(row.description.empty());
    if (needs_unit) CHECK_FALSE(row.unit.empty());
  }
}

}  // namespace

TEST_CASE("every output has a distinct name, a unit and a description", "[model][tables]") {
  check_table(kSeriesMetrics, true);
  check_table(kRegionMetrics, true);
  check_table(kOutcomes, true);
  check_table(kFederalEvents, false);
}

TEST_CASE("a per-reform output's rows are found from the law's", "[model][tables]") {
  CHECK(kOutcomeNames[column(for_reform(Outcome::final_mean_law, 2))] == "final_mean_multi");
  CHECK(kSeriesMetricNames[column(for_reform(SeriesMetric::share_adopted_law, 3))] ==
        "share_adopted_unit");
  CHECK(kRegionMetricNames[column(for_reform(RegionMetric::a_law, 1))] == "a_victim");
}

TEST_CASE("both unit events report as unit_created, the other kinds by their own names",
          "[model][tables]") {
  CHECK(name(EventKind::special_unit_created) == "unit_created");
  CHECK(name(EventKind::federal_unit_created) == "unit_created");
  std::set<std::string_view> others;
  for (const auto& row : kEventKinds) others.insert(row.name);
  CHECK(others.size() == kEventKinds.size() - 1);
  CHECK(kFederalEventNames[static_cast<std::size_t>(FederalEvent::foreign_agents_law)] ==
        "foreign_agents_law");
}
