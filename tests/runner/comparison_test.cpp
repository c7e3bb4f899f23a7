#include "sim/runner/comparison.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/model/metrics.hpp"
#include "sim/runner/paired_statistics.hpp"
#include "sim/runner/regional_comparison.hpp"
#include "sim/runner/remake.hpp"
#include "sim/store/comparison_table.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"

namespace fs = std::filesystem;
using namespace policysim;
using TempDir = policysim::core::TemporaryFolder;

namespace {

const fs::path kSource = POLICYSIM_SOURCE_DIR;

/// A comparison scenario on the small smoke scenario: an arm identical to the base, one that
/// replaces an intervention and adds one with random targets, and one with other parameters.
fs::path write_fixture(const fs::path& dir) {
  fs::path file = dir / "tiny_compare.yaml";
  std::ofstream(file) << "extends: " << (kSource / "scenarios/smoke/tiny.yaml").string() << "\n"
                      << "data_dir: " << (kSource / "scenarios/data").string() << "\n"
                      << R"(name: tiny_compare
targets: []
arms:
  - {name: same, description: the base again}
  - name: more_training
    interventions_replace:
      - {name: Far East training, donor: US government, instrument: training, start: 1998Q1, end: 2000Q2, targets: {district: Far Eastern}, intensity: 1.0}
    interventions_add:
      - {name: Random grants, donor: Russian ministries, instrument: ngo_grant, start: 1998Q1, end: 2000Q4, targets: {random: 20}}
  - name: backlash
    parameters: {alpha_F: 0.3, kappa: 0.02}
)";
  return file;
}

runner::CompareOptions options_for(const fs::path& scenario, const fs::path& out, int reps,
                                   int threads) {
  runner::CompareOptions options;
  options.scenario_file = scenario;
  options.replications = reps;
  options.seed = 5;
  options.threads = threads;
  options.out_dir = out;
  options.quiet = true;
  options.bootstrap_resamples = 500;
  return options;
}

/// Adaptive on final_mean_law: batches of 4 replicates (2 threads) until the half-width of its
/// interval is at most `precision`, or `most` replicates.
runner::CompareOptions adaptive_options_for(const fs::path& scenario, const fs::path& out, int most,
                                            double precision) {
  auto options = options_for(scenario, out, 4, 2);
  options.replications.reset();
  options.batch = 4;
  options.max_replications = most;
  options.precision = precision;
  options.outcome = "final_mean_law";
  return options;
}

runner::CompareResult compare(const runner::CompareOptions& options, std::string* text = nullptr) {
  std::ostringstream out, log;
  auto result = runner::run_comparison(options, out, log);
  if (text) *text = out.str();
  return result;
}

/// Every value of a query as text (doubles with 17 digits: equal text, equal bits).
std::vector<std::string> query_values(const fs::path& database, const std::string& sql) {
  store::sqlite::Database db(database, store::sqlite::Database::Mode::read_only);
  auto statement = db.prepare(sql);
  std::vector<std::string> values;
  while (statement.step()) {
    for (int c = 0; c < statement.column_count(); ++c) {
      char text[40];
      if (statement.is_null(c)) {
        values.emplace_back("NULL");
      } else if (statement.column_type(c) == 2 /* SQLITE_FLOAT */) {
        std::snprintf(text, sizeof text, "%.17g", statement.column_double(c));
        values.emplace_back(text);
      } else {
        values.push_back(statement.column_text(c));
      }
    }
  }
  return values;
}

std::vector<std::string> comparisons_table(const fs::path& database) {
  return query_values(database, "SELECT * FROM comparisons ORDER BY arm, reference, outcome");
}

/// Outcomes of one arm, replicate by replicate, as text.
std::vector<std::string> arm_outcomes(const fs::path& database, const std::string& arm) {
  std::string sql = "SELECT replicate, seed";
  for (auto name : model::kOutcomeNames) sql.append(", ").append(name);
  return query_values(database, sql + " FROM runs WHERE arm = '" + arm + "' ORDER BY replicate");
}

const store::ComparisonRow& row_of(const std::vector<store::ComparisonRow>& rows,
                                   const std::string& arm, const std::string& outcome) {
  const auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const auto& r) { return r.arm == arm && r.outcome == outcome; });
  REQUIRE(it != rows.end());
  return *it;
}

}  // namespace

TEST_CASE("two identical arms give a difference of exactly zero on every replicate",
          "[runner][compare]") {
  TempDir dir("identical");
  auto options = options_for(write_fixture(dir.path()), dir.path() / "out", 6, 2);
  options.arms = {"same"};
  const auto result = compare(options);
  REQUIRE(result.arms == std::vector<std::string>{"base", "same"});
  REQUIRE(result.runs_written == 12);
  // Run by run, every outcome of `same` is bit for bit that of `base`.
  CHECK(arm_outcomes(result.database, "same") == arm_outcomes(result.database, "base"));
  const auto series = [&](const std::string& arm) {
    return query_values(result.database,
                        "SELECT s.* FROM series s JOIN runs r USING (run_id) WHERE r.arm = '" +
                            arm + "' ORDER BY r.replicate, s.tick");
  };
  const auto same = series("same"), base = series("base");
  REQUIRE(same.size() == base.size());
  // Column 0 is run_id, which differs; compare the rest row by row.
  std::size_t differing = 0;
  const std::size_t columns = 3 + model::kSeriesMetricNames.size();
  for (std::size_t i = 0; i < same.size(); ++i) differing += i % columns != 0 && same[i] != base[i];
  CHECK(differing == 0);
  for (const auto& row : result.rows) {
    INFO(row.outcome);
    if (row.pairs == 0) continue;
    CHECK(row.mean_diff == 0.0);
    if (row.pairs < 2) continue;  // no spread, so no interval, with a single pair
    CHECK(row.sd_diff == 0.0);
    CHECK(row.t_low == 0.0);
    CHECK(row.t_high == 0.0);
  }
}

TEST_CASE("a comparison writes one row per arm and outcome and prints the key outcomes",
          "[runner][compare]") {
  TempDir dir("table");
  std::string text;
  const auto result =
      compare(options_for(write_fixture(dir.path()), dir.path() / "out", 8, 2), &text);
  CHECK(result.reference == "base");
  CHECK(result.replicates == 8);
  const auto rows = store::read_comparisons(result.database);
  CHECK(rows.size() == 3 * model::kOutcomeNames.size());
  const auto& row = row_of(rows, "backlash", "final_resistance");
  CHECK(row.pairs == 8);
  CHECK(row.mean_diff == Approx(row.mean_arm - row.mean_ref));
  CHECK(row.t_low < row.mean_diff);
  CHECK(row.mean_diff < row.t_high);
  CHECK(row.vrf > 1.0);
  CHECK(text.find("backlash - base") != std::string::npos);
  CHECK(text.find("final_resistance") != std::string::npos);
  CHECK(text.find("morans_i_law") == std::string::npos);    // not a key outcome
  CHECK(text.find("final_mean_law") != std::string::npos);  // the outcome that moves
  CHECK(text.find("inf") == std::string::npos);
}

TEST_CASE("a reference arm chosen with --reference is compared with directly",
          "[runner][compare]") {
  TempDir dir("reference");
  const auto scenario = write_fixture(dir.path());
  const auto against_base = compare(options_for(scenario, dir.path() / "base", 8, 2));
  auto options = options_for(scenario, dir.path() / "direct", 8, 2);
  options.arms = {"backlash"};
  options.reference = "more_training";
  std::string text;
  const auto direct = compare(options, &text);
  CHECK(direct.reference == "more_training");
  CHECK(direct.arms == std::vector<std::string>{"more_training", "backlash"});
  CHECK(text.find("backlash - more_training") != std::string::npos);
  const auto rows = store::read_comparisons(direct.database);
  CHECK(rows.size() == model::kOutcomeNames.size());
  // Same seeds, so the pairs are the same runs: (b - m) = (b - base) - (m - base), replicate by
  // replicate, for an outcome every run has.
  const auto& b = row_of(against_base.rows, "backlash", "final_resistance");
  const auto& m = row_of(against_base.rows, "more_training", "final_resistance");
  const auto& bm = row_of(rows, "backlash", "final_resistance");
  CHECK(bm.reference == "more_training");
  CHECK(bm.mean_ref == Approx(m.mean_arm).epsilon(1e-12));
  CHECK(bm.mean_diff == Approx(b.mean_diff - m.mean_diff).margin(1e-12));

  options.reference = "more_trainng";
  CHECK_THROWS_WITH(compare(options), Catch::Contains("did you mean `more_training`?"));
  options.reference = "backlash";  // the only arm named is the reference
  CHECK_THROWS_AS(compare(options), runner::UsageError);
}

TEST_CASE("with --regions, a comparison gives the effect where the programmes differ",
          "[runner][compare][regions]") {
  TempDir dir("programme");
  auto options = options_for(write_fixture(dir.path()), dir.path() / "out", 4, 2);
  options.arms = {"more_training", "backlash"};
  options.region_series = true;
  std::string text;
  const auto result = compare(options, &text);
  // more_training replaces the Far East training (the Far Eastern district, 9 regions) and adds
  // grants with random targets; backlash changes parameters only.
  CHECK(text.find("more_training - base where their programmes differ (Far East training): "
                  "targeted_* over 9 regions (Far Eastern 9), elsewhere_* over the other 74") !=
        std::string::npos);
  CHECK(text.find("targets drawn run by run, not counted below: Random grants") !=
        std::string::npos);
  CHECK(text.find("backlash - base where") == std::string::npos);
  const auto rows = store::read_comparisons(result.database);
  CHECK(rows.size() == 2 * model::kOutcomeNames.size() + 2 * runner::regional_outcomes().size());
  // The same means straight from region_series: the last quarter, the Far Eastern regions.
  const auto sql_mean = [&](const std::string& arm, const std::string& column,
                            const std::string& in_district) {
    return std::stod(query_values(
        result.database,
        "SELECT AVG(m) FROM (SELECT AVG(s." + column +
            ") AS m FROM region_series s JOIN runs r USING (run_id) JOIN regions g ON g.region = "
            "s.region WHERE r.arm = '" +
            arm +
            "' AND s.tick = (SELECT MAX(tick) FROM "
            "region_series) AND (g.district = 'Far Eastern') = " +
            in_district + " GROUP BY r.replicate)")[0]);
  };
  const auto& targeted = row_of(rows, "more_training", "targeted_final_mean_law");
  CHECK(targeted.pairs == 4);
  CHECK(targeted.mean_ref == Approx(sql_mean("base", "a_law", "1")).epsilon(1e-12));
  CHECK(targeted.mean_arm == Approx(sql_mean("more_training", "a_law", "1")).epsilon(1e-12));
  const auto& elsewhere = row_of(rows, "more_training", "elsewhere_final_resistance");
  CHECK(elsewhere.mean_arm == Approx(sql_mean("more_training", "rho", "0")).epsilon(1e-12));
}

TEST_CASE("a resumed comparison ends with the same table as an uninterrupted one",
          "[runner][compare][resume]") {
  TempDir dir("resume");
  const auto scenario = write_fixture(dir.path());
  const auto whole = compare(options_for(scenario, dir.path() / "whole", 10, 2));
  // Interrupted: part of the replicates stored, and some runs of the last batch missing.
  compare(options_for(scenario, dir.path() / "resumed", 6, 1));
  {
    store::sqlite::Database db(dir.path() / "resumed" / "results.sqlite",
                               store::sqlite::Database::Mode::read_write_create);
    const std::string doomed =
        "(SELECT run_id FROM runs WHERE arm = 'backlash' AND replicate >= 4)";
    for (const char* table : {"series", "region_series", "run_events"}) {
      db.exec(std::string("DELETE FROM ") + table + " WHERE run_id IN " + doomed);
    }
    db.exec("DELETE FROM runs WHERE arm = 'backlash' AND replicate >= 4");
  }
  const auto resumed = compare(options_for(scenario, dir.path() / "resumed", 10, 2));
  CHECK(resumed.runs_reused == 4 * 6 - 2);
  CHECK(resumed.runs_written == 4 * 10 - resumed.runs_reused);
  CHECK(comparisons_table(resumed.database) == comparisons_table(whole.database));
  // Again, with nothing left to run, at another thread count.
  const auto again = compare(options_for(scenario, dir.path() / "resumed", 10, 1));
  CHECK(again.runs_written == 0);
  CHECK(comparisons_table(again.database) == comparisons_table(whole.database));
}

TEST_CASE("a database of another seed is refused", "[runner][compare][resume]") {
  TempDir dir("seed");
  const auto scenario = write_fixture(dir.path());
  compare(options_for(scenario, dir.path() / "out", 3, 1));
  auto other = options_for(scenario, dir.path() / "out", 3, 1);
  other.seed = 6;
  CHECK_THROWS_AS(compare(other), store::StoreError);
}

TEST_CASE("adaptive replication stops at the first batch precise enough, and resumes there",
          "[runner][compare][adaptive]") {
  TempDir dir("adaptive");
  const auto scenario = write_fixture(dir.path());
  auto options = adaptive_options_for(scenario, dir.path() / "out", 200, 0.001);
  options.arms = {"backlash", "more_training"};
  std::string text;
  const auto result = compare(options, &text);
  REQUIRE(result.precision_reached);
  const int n = result.replicates;
  CHECK(n % 4 == 0);
  CHECK(text.find("precision reached") != std::string::npos);
  // At n every arm is within the target; one batch earlier at least one was not.
  for (const char* arm : {"backlash", "more_training"}) {
    const auto& row = row_of(result.rows, arm, "final_mean_law");
    CHECK((row.t_high - row.t_low) / 2 <= 0.001);
  }
  REQUIRE(n > 4);
  double worst_before = 0;
  {
    std::map<std::string, std::vector<double>> values;
    store::sqlite::Database db(result.database, store::sqlite::Database::Mode::read_only);
    auto select = db.prepare(
        "SELECT arm, final_mean_law FROM runs WHERE replicate < ? ORDER BY arm, replicate");
    select.bind(1, n - 4);
    while (select.step()) values[select.column_text(0)].push_back(select.column_double(1));
    for (const char* arm : {"backlash", "more_training"}) {
      const auto d = runner::paired_differences(values[arm], values["base"]);
      const auto [low, high] = runner::t_interval(d, 0.95);
      worst_before = std::max(worst_before, (high - low) / 2);
    }
  }
  CHECK(worst_before > 0.001);
  // The same command again reuses everything and ends at the same n with the same table.
  const auto again = compare(options);
  CHECK(again.replicates == n);
  CHECK(again.runs_written == 0);
  CHECK(comparisons_table(again.database) == comparisons_table(result.database));
}

TEST_CASE("a comparison's runs and table are made again from its database alone",
          "[runner][compare][reproduce]") {
  TempDir dir("remake");
  const auto scenario = write_fixture(dir.path());
  // Adaptive, against a chosen reference, over some of the arms, with regional series: the
  // manifest must carry all of it.
  auto options = adaptive_options_for(scenario, dir.path() / "original", 40, 0.002);
  options.arms = {"more_training"};
  options.reference = "backlash";
  options.region_series = true;
  const auto original = compare(options);
  REQUIRE(original.replicates > 4);
  fs::remove(scenario);  // only the database is left to say what was compared

  auto remake = runner::options_from_manifest(dir.path() / "original", dir.path() / "again");
  REQUIRE(std::holds_alternative<runner::CompareOptions>(remake));
  auto& again = std::get<runner::CompareOptions>(remake);
  // The reference first, then the arms asked for: the base was not among them.
  CHECK(again.arms == std::vector<std::string>{"backlash", "more_training"});
  CHECK(again.reference == "backlash");
  CHECK(again.replications == original.replicates);
  CHECK(again.seed == 5);
  CHECK(again.region_series);
  CHECK(again.bootstrap_resamples == 500);
  CHECK_FALSE(again.precision);
  again.quiet = true;
  const auto remade = compare(again);
  CHECK(remade.runs_written == 2 * original.replicates);
  CHECK(comparisons_table(remade.database) == comparisons_table(original.database));
  for (const char* arm : {"backlash", "more_training"}) {
    CHECK(arm_outcomes(remade.database, arm) == arm_outcomes(original.database, arm));
  }
  const char* const regional =
      "SELECT r.arm, r.replicate, s.tick, s.region, s.a_law, s.rho FROM "
      "region_series s JOIN runs r USING (run_id) ORDER BY 1, 2, 3, 4";
  CHECK(query_values(remade.database, regional) == query_values(original.database, regional));
}

TEST_CASE("unknown arms and outcomes are usage errors with suggestions", "[runner][compare]") {
  TempDir dir("usage");
  const auto scenario = write_fixture(dir.path());
  auto options = options_for(scenario, dir.path() / "out", 2, 1);
  options.arms = {"backlsh"};
  CHECK_THROWS_WITH(compare(options), Catch::Contains("did you mean `backlash`?"));
  options.arms = {"base"};
  CHECK_THROWS_AS(compare(options), runner::UsageError);
  options.arms = {};
  options.precision = 0.1;
  options.outcome = "final_resistence";
  CHECK_THROWS_WITH(compare(options), Catch::Contains("did you mean `final_resistance`?"));
  options.scenario_file = kSource / "scenarios/smoke/tiny.yaml";
  options.precision.reset();
  CHECK_THROWS_WITH(compare(options), Catch::Contains("declares no arms"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("a dry run lists the arms and writes nothing", "[runner][compare][dry-run]") {
  TempDir dir("dry");
  auto options = options_for(write_fixture(dir.path()), dir.path() / "out", 7, 1);
  options.dry_run = true;
  std::string text;
  compare(options, &text);
  CHECK(text.find("arm backlash: 2 donors, 3 interventions, alpha_F = 0.3, kappa = 0.02") !=
        std::string::npos);
  CHECK(text.find("arm more_training: 2 donors, 4 interventions") != std::string::npos);
  CHECK(text.find("runs: 4 arms x 7 replicates = 28 runs") != std::string::npos);
  CHECK(text.find(" on 1 thread\n") != std::string::npos);
  CHECK(text.find("each of the 4 models (one for each worker thread and arm)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("the shipped arms reduce the variance of their comparisons", "[runner][compare][vrf]") {
  TempDir dir("shipped");
  auto options =
      options_for(kSource / "scenarios/compare_interventions.yaml", dir.path() / "out", 30, 2);
  options.bootstrap_resamples = 0;
  const auto result = compare(options);
  REQUIRE(result.arms.size() == 7);
  for (std::size_t a = 1; a < result.arms.size(); ++a) {
    const std::string& arm = result.arms[a];
    INFO(arm);
    CHECK(row_of(result.rows, arm, "final_resistance").vrf > 1.0);
    std::vector<double> vrfs;
    for (const auto& row : result.rows) {
      if (row.arm == arm && std::isfinite(row.vrf)) vrfs.push_back(row.vrf);
    }
    REQUIRE(vrfs.size() > 10);
    std::sort(vrfs.begin(), vrfs.end());
    CHECK(vrfs[vrfs.size() / 2] > 1.0);  // the median over outcomes
  }
}
