// Paired effects over a set of regions, from hand-made regional snapshots.

#include "sim/runner/regional_comparison.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace policysim;

namespace {

/// A snapshot of 4 regions where every metric of region r is `values[r]`.
store::RegionSnapshot snapshot(const std::string& arm, int replicate,
                               const std::vector<double>& values) {
  const std::size_t metrics = runner::regional_outcomes().size();
  store::RegionSnapshot result{arm, replicate, {}};
  for (const double value : values) result.values.insert(result.values.end(), metrics, value);
  return result;
}

const store::ComparisonRow& row_of(const std::vector<store::ComparisonRow>& rows,
                                   const std::string& outcome) {
  const auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const auto& row) { return row.outcome == outcome; });
  REQUIRE(it != rows.end());
  return *it;
}

}  // namespace

TEST_CASE("the effect over the targeted regions and over the others, run by run",
          "[runner][compare][regions]") {
  // Regions 1 and 2 are targeted. Replicate 0: the arm raises them by 0.2 and 0.4 (mean +0.3);
  // replicate 1: by 0.1 and 0.3 (mean +0.2). Elsewhere (0 and 3) it changes region 3 by +0.04
  // in replicate 0 only: means +0.02 and 0.
  const std::vector<store::RegionSnapshot> snapshots = {
      snapshot("base", 0, {0.1, 0.2, 0.3, 0.5}), snapshot("base", 1, {0.1, 0.1, 0.1, 0.1}),
      snapshot("eu", 0, {0.1, 0.4, 0.7, 0.54}), snapshot("eu", 1, {0.1, 0.2, 0.4, 0.1}),
      snapshot("us", 0, {0.9, 0.9, 0.9, 0.9})};
  const auto rows = runner::compare_over_regions(snapshots, "eu", "base", {1, 2}, 4, 2, 7, 200);
  REQUIRE(rows.size() == 2 * runner::regional_outcomes().size());
  const auto& targeted = row_of(rows, "targeted_final_mean_law");
  CHECK(targeted.pairs == 2);
  CHECK(targeted.mean_ref == Approx((0.25 + 0.1) / 2));
  CHECK(targeted.mean_arm == Approx((0.55 + 0.3) / 2));
  CHECK(targeted.mean_diff == Approx(0.25));
  CHECK(targeted.sd_diff == Approx(0.0707106781));  // differences 0.3 and 0.2
  const auto& elsewhere = row_of(rows, "elsewhere_final_resistance");
  CHECK(elsewhere.mean_diff == Approx(0.01));
  CHECK(elsewhere.arm == "eu");
  CHECK(elsewhere.reference == "base");
}

TEST_CASE("a set of every region has no 'elsewhere', and missing runs drop their pair",
          "[runner][compare][regions]") {
  const std::vector<store::RegionSnapshot> snapshots = {
      snapshot("base", 0, {0.1, 0.2, 0.3, 0.4}), snapshot("eu", 0, {0.2, 0.3, 0.4, 0.5}),
      snapshot("base", 1, {0.1, 0.2, 0.3, 0.4})};  // replicate 1 of eu failed
  const auto rows = runner::compare_over_regions(snapshots, "eu", "base", {0, 1, 2, 3}, 4, 2, 7, 0);
  REQUIRE(rows.size() == runner::regional_outcomes().size());
  CHECK(row_of(rows, "targeted_final_mean_unit").pairs == 1);
  CHECK(row_of(rows, "targeted_final_mean_unit").mean_diff == Approx(0.1));
}

TEST_CASE("a regional row has the unit of the outcome it restricts", "[runner][compare][regions]") {
  CHECK(runner::regional_outcome_unit("targeted_final_mean_law") == "0-1");
  CHECK(runner::regional_outcome_unit("elsewhere_final_resistance") == "0-1");
  CHECK(runner::regional_outcome_unit("final_mean_law").empty());
  CHECK(runner::regional_outcome_unit("targeted_no_such_outcome").empty());
}
