#include "sim/store/paired_target_table.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/store/comparison_table.hpp"
#include "store_test_support.hpp"

using namespace policysim::store;

TEST_CASE("paired targets round-trip, an interval of fewer than two pairs as NULL",
          "[store][compare][paired]") {
  testing::TempDir dir;
  const auto database = dir.path() / "results.sqlite";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const PairedTargetRow victim{"victim lower without grants",
                               "no_grants",
                               "final_mean_victim",
                               "",
                               "outcome",
                               "",
                               "",
                               "MODEL.md section 9",
                               -1.0,
                               -1e-9,
                               30,
                               -0.0123,
                               -0.0150,
                               -0.0096,
                               true};
  const PairedTargetRow kept{"law keeps more of its peak",
                             "no_grants",
                             "share_of_peak_kept_law",
                             "share_of_peak_kept_victim",
                             "mean",
                             "2005Q1",
                             "2010Q4",
                             "",
                             1e-9,
                             1.0,
                             1,
                             0.25,
                             nan,
                             nan,
                             false};
  write_paired_targets(database, {victim, kept});
  const auto rows = read_paired_targets(database);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1] == victim);  // in name order: "law ..." first
  CHECK(rows[0].minus == "share_of_peak_kept_victim");
  CHECK(rows[0].window_start == "2005Q1");
  CHECK(rows[0].pairs == 1);
  CHECK(rows[0].mean_diff == 0.25);
  CHECK(std::isnan(rows[0].t_low));
  CHECK(std::isnan(rows[0].t_high));
  CHECK_FALSE(rows[0].met);

  // A second write replaces the table.
  write_paired_targets(database, {kept});
  CHECK(read_paired_targets(database).size() == 1);
}

TEST_CASE("a comparison without paired targets reads as none", "[store][compare][paired]") {
  testing::TempDir dir;
  write_comparisons(dir.path() / "results.sqlite", {});
  CHECK(read_paired_targets(dir.path() / "results.sqlite").empty());
}
