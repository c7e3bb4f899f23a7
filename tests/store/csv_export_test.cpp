#include "sim/store/csv_export.hpp"

#include <zlib.h>
#include <algorithm>
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sim/store/comparison_table.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"
#include "sim/store/target_table.hpp"
#include "tests/store/store_test_support.hpp"

using namespace policysim::store;
using namespace policysim::store::testing;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader, independent of the writer, so that a quoting mistake shows up here.
Rows parse_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  REQUIRE(field.empty());
  REQUIRE(row.empty());
  return rows;
}

double parse_double(const std::string& text) {
  if (text.empty()) return kMissingValue;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  REQUIRE(ec == std::errc());
  REQUIRE(end == text.data() + text.size());
  return value;
}

std::string gunzip(const std::filesystem::path& path) {
  gzFile in = gzopen(path.c_str(), "rb");
  REQUIRE(in != nullptr);
  std::string text;
  char buffer[1 << 14];
  int got = 0;
  while ((got = gzread(in, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(got));
  }
  gzclose(in);
  REQUIRE(got == 0);
  return text;
}

// A database with two runs, regions, events with awkward text, and a manifest.
std::filesystem::path make_database(const TempDir& dir) {
  auto path = dir / "results/results.sqlite";
  auto db = ResultsDatabase::open(path, sample_schema(), "moscow-first", "abc123");
  write_sample_regions(db);
  db.write_manifest({{"scenario_text", "name: \"x, y\"\nreps: 2\n"}, {"threads", 4}});
  db.write_run(sample_run("baseline", 0, UINT64_MAX));
  db.write_run(sample_run("treatment", 1, 5));
  return path;
}

}  // namespace

TEST_CASE("CSV export writes every table, and its values parse back to what was written",
          "[store][csv]") {
  TempDir dir;
  const auto database = make_database(dir);
  const auto files = export_csv(database, dir / "csv", false);
  REQUIRE(files.size() == 6);
  for (const char* table : {"manifest", "regions", "runs", "series", "region_series", "events"}) {
    CHECK(std::filesystem::exists(dir / "csv" / (std::string(table) + ".csv")));
  }

  const Rows runs = parse_csv(read_bytes(dir / "csv/runs.csv"));
  REQUIRE(runs.size() == 3);
  CHECK(runs[0] == std::vector<std::string>{"run_id", "arm", "replicate", "seed", "status",
                                            "wall_seconds", "beta_resist", "order",
                                            "year_law_passed", "final_share"});
  const RunRecord expected = sample_run("treatment", 1, 5);
  // A cell of a runs row, found by its column's name in the header.
  const auto cell = [&](const std::vector<std::string>& row, const std::string& name) {
    const auto at = std::find(runs[0].begin(), runs[0].end(), name);
    REQUIRE(at != runs[0].end());
    return row[static_cast<std::size_t>(at - runs[0].begin())];
  };
  const auto& row = runs[2];
  CHECK(cell(row, "arm") == "treatment");
  CHECK(cell(row, "replicate") == "1");
  CHECK(cell(row, "seed") == "5");
  CHECK(cell(runs[1], "seed") == "18446744073709551615");
  CHECK(parse_double(cell(row, "wall_seconds")) == expected.wall_seconds);
  CHECK(parse_double(cell(row, "beta_resist")) == expected.parameters[0]);
  CHECK(parse_double(cell(row, "order")) == expected.parameters[1]);  // -2.5e-300 survives
  CHECK(cell(row, "year_law_passed").empty());                        // NaN -> NULL -> empty
  CHECK(parse_double(cell(row, "final_share")) == expected.outcomes[1]);

  const Rows series = parse_csv(read_bytes(dir / "csv/series.csv"));
  REQUIRE(series.size() == 1 + 2 * expected.quarters.size());
  CHECK(series[0] == std::vector<std::string>{"run_id", "tick", "quarter", "share_reformed",
                                              "ngo_count", "exposure"});
  for (std::size_t tick = 0; tick < expected.quarters.size(); ++tick) {
    const auto& line = series[1 + expected.quarters.size() + tick];
    CHECK(line[1] == std::to_string(tick));
    CHECK(line[2] == expected.quarters[tick]);
    for (std::size_t m = 0; m < 3; ++m) {
      CHECK(same_value(parse_double(line[3 + m]), expected.series[tick * 3 + m]));
    }
  }

  const Rows regional = parse_csv(read_bytes(dir / "csv/region_series.csv"));
  REQUIRE(regional.size() == 1 + 2 * expected.region_series.size() / 2);
  for (std::size_t i = 0; i < expected.region_series.size() / 2; ++i) {
    const auto& line = regional[1 + expected.region_series.size() / 2 + i];
    CHECK(same_value(parse_double(line[4]), expected.region_series[2 * i]));
    CHECK(same_value(parse_double(line[5]), expected.region_series[2 * i + 1]));
  }

  // Quoted fields: commas, quotes and newlines come back intact; a NULL region is empty.
  const Rows events = parse_csv(read_bytes(dir / "csv/events.csv"));
  REQUIRE(events.size() == 1 + 2 * expected.events.size());
  CHECK(events[0] ==
        std::vector<std::string>{"run_id", "event", "tick", "quarter", "kind", "region", "detail"});
  CHECK(events[1][1] == "0");  // numbered in the order they happened
  CHECK(events[3][1] == "2");
  CHECK(events[1][6] == expected.events[0].detail);
  CHECK(events[2][5].empty());
  CHECK(events[3][6] == "funding, cut");

  std::map<std::string, std::string> manifest;
  for (const auto& line : parse_csv(read_bytes(dir / "csv/manifest.csv"))) {
    manifest[line[0]] = line[1];
  }
  CHECK(manifest["scenario_text"] == "name: \"x, y\"\nreps: 2\n");
  CHECK(manifest["fingerprint"] == "\"abc123\"");

  const Rows regions = parse_csv(read_bytes(dir / "csv/regions.csv"));
  REQUIRE(regions.size() == 4);
  CHECK(regions[2] == std::vector<std::string>{"1", "SPE", "Saint Petersburg", "Northwestern"});
}

TEST_CASE("CSV export adds the targets and comparisons tables when the database has them",
          "[store][csv]") {
  TempDir dir;
  const auto database = make_database(dir);
  TargetRow target;
  target.name = "law_by_2004";
  target.metric = "law_in_force";
  target.stat = "max";
  target.window_start = "2003Q1";
  target.window_end = "2004Q4";
  target.low = target.high = 1.0;
  target.share_required = 0.5;
  target.share_met = 0.5;
  target.met = true;
  target.values = {{2, 0.0}, {1, 1.0}};
  write_targets(database, {target});
  ComparisonRow comparison;
  comparison.arm = "treatment";
  comparison.reference = "baseline";
  comparison.outcome = "final_share";
  comparison.replicates = comparison.pairs = 2;
  comparison.mean_diff = 0.25;
  write_comparisons(database, {comparison});

  const auto files = export_csv(database, dir / "csv", false);
  CHECK(files.size() == 9);
  const Rows targets = parse_csv(read_bytes(dir / "csv/targets.csv"));
  REQUIRE(targets.size() == 2);
  CHECK(targets[1][0] == "law_by_2004");
  CHECK(targets[1][9] == "1");  // met
  const Rows values = parse_csv(read_bytes(dir / "csv/target_values.csv"));
  REQUIRE(values.size() == 3);
  CHECK(values[1] == std::vector<std::string>{"law_by_2004", "1", "1"});  // in run order
  CHECK(values[2] == std::vector<std::string>{"law_by_2004", "2", "0"});
  const Rows comparisons = parse_csv(read_bytes(dir / "csv/comparisons.csv"));
  REQUIRE(comparisons.size() == 2);
  CHECK(comparisons[1][0] == "treatment");
  CHECK(parse_double(comparisons[1][7]) == 0.25);  // mean_diff
}

TEST_CASE("CSV export of a format 1 file gives its events table in the order written",
          "[store][csv]") {
  // Before format 2, events was a table of its own, in rowid order, without an event column.
  TempDir dir;
  const auto database = dir / "results.sqlite";
  {
    sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
    db.exec(
        "CREATE TABLE events(run_id INTEGER NOT NULL, tick INTEGER NOT NULL, quarter TEXT, "
        "kind TEXT NOT NULL, region INTEGER, detail TEXT);"
        "INSERT INTO events VALUES (2, 5, '1998Q2', 'ngo_closed', 3, 'b');"
        "INSERT INTO events VALUES (1, 9, '1999Q2', 'law_passed', NULL, 'rule');"
        "INSERT INTO events VALUES (1, 2, '1997Q3', 'ngo_closed', 4, 'a');");
  }
  export_csv(database, dir / "csv", false);
  const Rows events = parse_csv(read_bytes(dir / "csv/events.csv"));
  REQUIRE(events.size() == 4);
  CHECK(events[0] ==
        std::vector<std::string>{"run_id", "tick", "quarter", "kind", "region", "detail"});
  CHECK(events[1][5] == "rule");  // run 1's events in the order written, then run 2's
  CHECK(events[2][5] == "a");
  CHECK(events[3][5] == "b");
}

TEST_CASE("gzip export decompresses to the same bytes as plain export", "[store][csv]") {
  TempDir dir;
  const auto database = make_database(dir);
  export_csv(database, dir / "plain", false);
  const auto files = export_csv(database, dir / "gzip", true);
  REQUIRE(files.size() == 6);
  for (const auto& file : files) {
    INFO(file.string());
    CHECK(file.extension() == ".gz");
    const auto plain = dir / "plain" / file.stem();  // runs.csv.gz -> runs.csv
    CHECK(gunzip(file) == read_bytes(plain));
  }
}

TEST_CASE("CSV export refuses to overwrite files unless asked", "[store][csv]") {
  TempDir dir;
  const auto database = make_database(dir);
  std::filesystem::create_directories(dir / "csv");
  {
    std::ofstream keep(dir / "csv/series.csv");
    keep << "mine\n";
  }
  try {
    export_csv(database, dir / "csv", false);
    FAIL("an existing file was overwritten");
  } catch (const StoreError& error) {
    CHECK(error.exit_code() == StoreError::cannot_create_output);
    CHECK_THAT(std::string(error.what()), Catch::Contains("series.csv"));
    CHECK_THAT(std::string(error.what()), Catch::Contains("--overwrite"));
  }
  CHECK(read_bytes(dir / "csv/series.csv") == "mine\n");
  CHECK_FALSE(std::filesystem::exists(dir / "csv/runs.csv"));  // nothing half-done either

  export_csv(database, dir / "csv", false, true);
  CHECK(read_bytes(dir / "csv/series.csv").rfind("run_id,tick,quarter", 0) == 0);
  // gzip names differ, so they do not collide with the plain files.
  CHECK_NOTHROW(export_csv(database, dir / "csv", true));
}

TEST_CASE("CSV export of a missing database says so with exit code 66", "[store][csv]") {
  TempDir dir;
  try {
    export_csv(dir / "nothing.sqlite", dir / "csv", false);
    FAIL("a missing database was exported");
  } catch (const StoreError& error) {
    CHECK(error.exit_code() == StoreError::missing_input);
    CHECK_THAT(std::string(error.what()), Catch::Contains("nothing.sqlite"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "csv"));
}

TEST_CASE("CSV export of a file that is not a database says so with exit code 66", "[store][csv]") {
  TempDir dir;
  const auto notes = dir / "notes.sqlite";
  std::ofstream(notes) << "not a database, just some text that is long enough to have a header\n";
  try {
    export_csv(notes, dir / "csv", false);
    FAIL("a text file was exported");
  } catch (const StoreError& error) {
    CHECK(error.exit_code() == StoreError::missing_input);
    CHECK_THAT(std::string(error.what()),
               Catch::Contains("notes.sqlite is not an SQLite database"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "csv"));
}
