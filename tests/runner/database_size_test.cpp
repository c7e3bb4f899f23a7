// The bound on a results database's size that `run` and `compare` print before their runs.

#include "sim/runner/database_size.hpp"

#include <catch2/catch.hpp>

#include "sim/model/metrics.hpp"

using policysim::runner::database_bytes_bound;
using policysim::runner::database_size_line;
using policysim::runner::DatabaseShape;
using policysim::runner::row_bytes_bound;

TEST_CASE("a row's bound adds the cell, the header and each value's bytes", "[runner][size]") {
  // 4 (cell) + 1 (header size) + 33 (one header byte per column) + 2 * 2 + 6 + 8 * 30.
  CHECK(row_bytes_bound(2, 6, 30) == 4 + 1 + 33 + 4 + 6 + 240);
  // No text column: 4 + 1 + 3 + 2 * 3 = 14.
  CHECK(row_bytes_bound(3, 0, 0) == 14);
}

TEST_CASE("the database bound grows with runs, and with regions only for region series",
          "[runner][size]") {
  const DatabaseShape national{2, 3, 5, false};
  DatabaseShape regional = national;
  regional.region_series = true;
  // Region series add one row per run, quarter and region: 2 x 3 x 5 rows of
  // (run_id, tick, region; quarter; the region metrics).
  const auto region_row = row_bytes_bound(3, 6, policysim::model::kRegionMetricNames.size());
  CHECK(database_bytes_bound(regional) - database_bytes_bound(national) == region_row * 2 * 3 * 5);
  DatabaseShape more_regions = regional;
  more_regions.regions = 10;
  CHECK(database_bytes_bound(more_regions) - database_bytes_bound(regional) ==
        region_row * 2 * 3 * 5);
  DatabaseShape twice = regional;
  twice.runs = 4;
  CHECK(database_bytes_bound(twice) == 2 * database_bytes_bound(regional));
  CHECK(database_bytes_bound(DatabaseShape{}) == 0);
}

TEST_CASE("the size line names the rows of region series", "[runner][size]") {
  CHECK(database_size_line({400, 64, 83, true})
            .ends_with("MiB (runs x quarters x regions = 400 x 64 x 83 rows of region series)"));
  CHECK(database_size_line({400, 64, 83, false}).starts_with("database: up to about "));
  CHECK(database_size_line({400, 64, 83, false}).find("region series") == std::string::npos);
}
