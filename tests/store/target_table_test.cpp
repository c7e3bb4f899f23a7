#include "sim/store/target_table.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <limits>
#include <string>

#include "sim/core/temporary_folder.hpp"
#include "sim/store/sqlite_db.hpp"

using policysim::store::TargetRow;
using policysim::store::write_targets;
using policysim::store::sqlite::Database;

TEST_CASE(
    "target values are stored one a run, undefined ones as NULL, and replaced by the next "
    "write",
    "[store][targets]") {
  const policysim::core::TemporaryFolder dir("targets");
  const auto path = dir / "results.sqlite";
  // More values than one multi-row statement holds, every seventh undefined.
  auto target = [](const std::string& name, std::int64_t runs) {
    TargetRow row;
    row.name = name;
    row.metric = "cases";
    row.stat = "sum";
    for (std::int64_t run = 1; run <= runs; ++run) {
      row.values.emplace_back(run, run % 7 == 0 ? std::numeric_limits<double>::quiet_NaN()
                                                : 0.25 * static_cast<double>(run));
    }
    return row;
  };
  write_targets(path, {target("old", 3)});
  write_targets(path, {target("a", 150), target("b", 1)});

  Database db(path, Database::Mode::read_only);
  auto read = db.prepare("SELECT name, run_id, value FROM target_values ORDER BY name, run_id");
  std::int64_t a_runs = 0, b_runs = 0;
  while (read.step()) {
    const std::string name = read.column_text(0);
    const std::int64_t run = read.column_int64(1);
    REQUIRE((name == "a" || name == "b"));  // the earlier write's targets are gone
    CHECK(run == (name == "a" ? ++a_runs : ++b_runs));
    if (run % 7 == 0) {
      CHECK(read.is_null(2));
    } else {
      CHECK(read.column_double(2) == 0.25 * static_cast<double>(run));
    }
  }
  CHECK(a_runs == 150);
  CHECK(b_runs == 1);
}

TEST_CASE("verdicts replace the targets and leave the values the runs stored", "[store][targets]") {
  const policysim::core::TemporaryFolder dir("verdicts");
  const auto path = dir / "results.sqlite";
  TargetRow stored;
  stored.name = "old";
  stored.values = {{1, 0.5}, {2, 1.5}};
  write_targets(path, {stored});
  TargetRow verdict;
  verdict.name = "new";
  verdict.share_met = 0.25;
  verdict.values = {{9, 9.0}};  // not read
  policysim::store::write_target_verdicts(path, {verdict});

  Database db(path, Database::Mode::read_only);
  auto targets = db.prepare("SELECT name, share_met FROM targets");
  REQUIRE(targets.step());
  CHECK(targets.column_text(0) == "new");
  CHECK(targets.column_double(1) == 0.25);
  CHECK_FALSE(targets.step());
  auto values = db.prepare("SELECT name, run_id, value FROM target_values ORDER BY run_id");
  for (const auto& [run, value] : stored.values) {
    REQUIRE(values.step());
    CHECK(values.column_text(0) == "old");
    CHECK(values.column_int64(1) == run);
    CHECK(values.column_double(2) == value);
  }
  CHECK_FALSE(values.step());
}
