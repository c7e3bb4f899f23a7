#include "sim/store/results_database.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sim/store/folder_lock.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"
#include "tests/store/store_test_support.hpp"

using namespace policysim::store;
using namespace policysim::store::testing;

namespace {

const std::string kShaA = "aaaa1111";
const std::string kShaB = "bbbb2222";

ResultsDatabase open_sample(const std::filesystem::path& path, const std::string& sha256 = kShaA) {
  return ResultsDatabase::open(path, sample_schema(), "moscow-first", sha256);
}

std::int64_t count(const std::filesystem::path& path, const std::string& sql) {
  sqlite::Database db(path, sqlite::Database::Mode::read_only);
  sqlite::Statement query(db, sql);
  query.step();
  return query.column_int64(0);
}

}  // namespace

TEST_CASE("a run reads back exactly as written, with NaN stored as NULL", "[store]") {
  TempDir dir;
  const auto path = dir / "results/results.sqlite";  // the directory is created on open
  auto db = open_sample(path);
  write_sample_regions(db);
  const RunRecord written = sample_run("baseline", 3, 42);
  db.write_run(written);

  const RunRecord read = db.read_run("baseline", 3);
  CHECK(read.arm == written.arm);
  CHECK(read.replicate == written.replicate);
  CHECK(read.seed == written.seed);
  CHECK(read.status == written.status);
  CHECK(read.wall_seconds == written.wall_seconds);
  CHECK(same_values(read.parameters, written.parameters));
  CHECK(same_values(read.outcomes, written.outcomes));
  CHECK(read.quarters == written.quarters);
  CHECK(same_values(read.series, written.series));
  CHECK(same_values(read.region_series, written.region_series));
  CHECK(read.events == written.events);

  // NaN is NULL in the file, where pandas and R see a missing value (once committed).
  db.flush();
  CHECK(count(path, "SELECT count(*) FROM runs WHERE year_law_passed IS NULL") == 1);
  CHECK(count(path, "SELECT count(*) FROM series WHERE ngo_count IS NULL") == 1);
  CHECK(count(path, "SELECT count(*) FROM region_series WHERE adopted IS NULL") == 3);
  CHECK(count(path, "SELECT count(*) FROM events WHERE region IS NULL") == 1);
  CHECK(count(path, "SELECT count(*) FROM events WHERE quarter = '1997Q4'") == 2);
}

TEST_CASE("events read back through the events view, one row each, in order", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  auto db = open_sample(path);
  write_sample_regions(db);
  RunRecord written = sample_run("baseline", 0, 1);
  // Every character JSON must escape, and text that is not ASCII.
  written.events.push_back({2, "ngo_law", 1, "back\\slash\ttab \x01 \xd0\x9c\xd0\xbe\xd1\x81"});
  db.write_run(written);
  CHECK(db.read_run("baseline", 0).events == written.events);
  db.flush();
  // As a reader of the file sees them: one row an event, numbered in order, with SQL types.
  sqlite::Database raw(path, sqlite::Database::Mode::read_only);
  sqlite::Statement rows(raw,
                         "SELECT event, tick, typeof(tick), quarter, kind, region, detail "
                         "FROM events WHERE run_id = 1 ORDER BY event");
  for (std::size_t i = 0; i < written.events.size(); ++i) {
    INFO(i);
    REQUIRE(rows.step());
    const Event& event = written.events[i];
    CHECK(rows.column_int64(0) == static_cast<std::int64_t>(i));
    CHECK(rows.column_int64(1) == event.tick);
    CHECK(rows.column_text(2) == "integer");
    CHECK(rows.column_text(3) == written.quarters[static_cast<std::size_t>(event.tick)]);
    CHECK(rows.column_text(4) == event.kind);
    CHECK(rows.is_null(5) == (event.region < 0));
    if (event.region >= 0) CHECK(rows.column_int64(5) == event.region);
    CHECK(rows.column_text(6) == event.detail);
  }
  CHECK_FALSE(rows.step());
}

TEST_CASE("the journal is in WAL mode", "[store]") {
  TempDir dir;
  auto db = open_sample(dir / "results.sqlite");
  sqlite::Database raw(dir / "results.sqlite", sqlite::Database::Mode::read_only);
  sqlite::Statement mode(raw, "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.column_text(0) == "wal");
}

TEST_CASE("seeds round-trip losslessly, including values at and above 2^63", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  const std::vector<std::uint64_t> seeds = {0,
                                            1,
                                            (std::uint64_t{1} << 63) - 1,
                                            std::uint64_t{1} << 63,
                                            (std::uint64_t{1} << 63) + 12345,
                                            UINT64_MAX};
  {
    auto db = open_sample(path);
    write_sample_regions(db);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      db.write_run(sample_run("arm", static_cast<int>(i), seeds[i]));
    }
  }
  auto db = open_sample(path);
  const auto completed = db.completed_runs();
  REQUIRE(completed.size() == seeds.size());
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    CHECK(completed[i].seed == seeds[i]);
    CHECK(db.read_run("arm", static_cast<int>(i)).seed == seeds[i]);
  }
  // Stored as the unsigned decimal text a user can pass back to --seed.
  CHECK(count(path, "SELECT count(*) FROM runs WHERE seed = '18446744073709551615'") == 1);
  CHECK(seed_from_text("9223372036854775808") == (std::uint64_t{1} << 63));
  CHECK_THROWS_AS(seed_from_text("-1"), StoreError);
  CHECK_THROWS_AS(seed_from_text("18446744073709551616"), StoreError);
  CHECK_THROWS_AS(seed_from_text(""), StoreError);
}

TEST_CASE("a database holding runs of another scenario is refused and left byte-identical",
          "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    write_sample_regions(db);
    db.write_run(sample_run("baseline", 0, 7));
  }
  const std::string before = read_bytes(path);
  REQUIRE(!before.empty());

  try {
    ResultsDatabase::open(path, sample_schema(), "tatarstan-first", kShaB);
    FAIL("a different scenario was accepted");
  } catch (const StoreError& error) {
    const std::string message = error.what();
    CHECK(error.exit_code() == StoreError::cannot_create_output);
    CHECK_THAT(message, Catch::Contains("moscow-first") && Catch::Contains(kShaA) &&
                            Catch::Contains("tatarstan-first") && Catch::Contains(kShaB) &&
                            Catch::Contains("-o DIR") && Catch::Contains("delete"));
  }
  CHECK(read_bytes(path) == before);

  Schema other = sample_schema();
  other.series_metrics.push_back("extra_metric");
  try {
    ResultsDatabase::open(path, other, "moscow-first", kShaA);
    FAIL("a different schema was accepted");
  } catch (const StoreError& error) {
    CHECK_THAT(std::string(error.what()), Catch::Contains("extra_metric"));
  }
  CHECK(read_bytes(path) == before);

  // The same scenario still opens, with its run intact.
  CHECK(open_sample(path).has_run("baseline", 0));
}

TEST_CASE("a database without runs takes a new scenario and a new schema", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  open_sample(path);
  Schema other = sample_schema();
  other.outcomes = {"peak_share"};
  auto db = ResultsDatabase::open(path, other, "tatarstan-first", kShaB);
  CHECK(db.schema() == other);
  CHECK(db.run_count() == 0);
}

TEST_CASE("a file that is not a results database is refused untouched", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    std::ofstream out(path, std::ios::binary);
    out << "this is not a database, just some text that is long enough to have a header......";
  }
  const std::string before = read_bytes(path);
  try {
    open_sample(path);
    FAIL("a text file was opened as a results database");
  } catch (const StoreError& error) {
    CHECK(error.exit_code() == StoreError::cannot_create_output);
    CHECK_THAT(std::string(error.what()),
               Catch::Contains("results.sqlite is not an SQLite database"));
  }
  CHECK(read_bytes(path) == before);

  const auto other = dir / "other.sqlite";
  {
    sqlite::Database raw(other, sqlite::Database::Mode::read_write_create);
    raw.exec("CREATE TABLE unrelated(x)");
  }
  CHECK_THROWS_WITH(open_sample(other), Catch::Contains("not a policysim results database"));
}

TEST_CASE("a run that fails mid-transaction leaves no rows behind", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  auto db = open_sample(path);
  write_sample_regions(db);
  {
    // Fails the last insert of the run, after its runs, series and region rows went in.
    sqlite::Database raw(path, sqlite::Database::Mode::read_write_create);
    raw.exec(
        "CREATE TRIGGER injected_failure BEFORE INSERT ON run_events "
        "WHEN NEW.events LIKE '%donor_exit%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  }
  CHECK_THROWS_WITH(db.write_run(sample_run("baseline", 0, 1)),
                    Catch::Contains("injected failure") &&
                        Catch::Contains("INSERT INTO run_events") &&
                        Catch::Contains(path.string()));
  for (const char* table : {"runs", "series", "region_series", "events"}) {
    INFO(table);
    CHECK(count(path, std::string("SELECT count(*) FROM ") + table) == 0);
  }
  CHECK_FALSE(db.has_run("baseline", 0));

  // The database stays usable: the same run goes in once the failure is gone.
  {
    sqlite::Database raw(path, sqlite::Database::Mode::read_write_create);
    raw.exec("DROP TRIGGER injected_failure");
  }
  db.write_run(sample_run("baseline", 0, 1));
  db.flush();
  CHECK(count(path, "SELECT count(*) FROM events") == 3);
}

TEST_CASE("runs are committed in groups: by size, by compute time, on flush, on other writes",
          "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  const auto stored = [&] { return count(path, "SELECT count(*) FROM runs"); };
  const auto quick_run = [](int replicate, double seconds = 0.001) {
    RunRecord run = sample_run("baseline", replicate, 1, 8, 0);
    run.wall_seconds = seconds;
    return run;
  };
  {
    auto db = open_sample(path);
    db.write_run(quick_run(0));
    db.write_run(quick_run(1));
    CHECK(stored() == 0);        // the group is open: other connections do not see it yet
    CHECK(db.run_count() == 2);  // this connection does, so resume skips those runs
    db.flush();
    CHECK(stored() == 2);

    db.write_run(quick_run(2));
    db.set_manifest("finished_at", "now");  // another write commits the group first
    CHECK(stored() == 3);

    // A group of 128 runs commits by itself.
    for (int replicate = 3; replicate < 3 + 127; ++replicate) db.write_run(quick_run(replicate));
    CHECK(stored() == 3);
    db.write_run(quick_run(130));
    CHECK(stored() == 131);
    // So do runs that took a second to compute between them, and a long run at once.
    db.write_run(quick_run(131, 0.6));
    CHECK(stored() == 131);
    db.write_run(quick_run(132, 0.6));
    CHECK(stored() == 133);
    db.write_run(quick_run(133, 120.0));
    CHECK(stored() == 134);
    db.write_run(quick_run(134));
    CHECK(stored() == 134);
  }
  CHECK(stored() == 135);  // closing commits the open group
}

TEST_CASE("a run that fails rolls back its group and says how many runs that was", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  auto db = open_sample(path);
  write_sample_regions(db);
  db.write_run(sample_run("baseline", 0, 1));
  db.flush();
  {
    sqlite::Database raw(path, sqlite::Database::Mode::read_write_create);
    raw.exec(
        "CREATE TRIGGER injected_failure BEFORE INSERT ON run_events "
        "WHEN NEW.events LIKE '%donor_exit%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  }
  RunRecord without_exit = sample_run("baseline", 1, 1);
  without_exit.events.pop_back();  // its donor_exit event
  db.write_run(without_exit);      // goes in, in the open group
  CHECK(db.has_run("baseline", 1));
  CHECK_THROWS_WITH(db.write_run(sample_run("baseline", 2, 1)),
                    Catch::Contains("injected failure") &&
                        Catch::Contains("finished runs of the last group not stored: 1"));
  // Replicate 0 was committed before; the group of replicates 1 and 2 left nothing behind.
  CHECK(count(path, "SELECT count(*) FROM runs") == 1);
  CHECK(count(path, "SELECT count(*) FROM events") == 3);
  CHECK_FALSE(db.has_run("baseline", 1));
  CHECK_FALSE(db.has_run("baseline", 2));
  db.write_run(without_exit);  // the database stays usable
  db.flush();
  CHECK(count(path, "SELECT count(*) FROM runs") == 2);
}

TEST_CASE("a writer killed mid-write leaves only whole runs", "[store][crash]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  constexpr std::size_t kTicks = 64;
  constexpr std::size_t kRegions = 83;
  {
    auto db = ResultsDatabase::open(path, sample_schema(), "moscow-first", kShaA);
    std::vector<std::string> codes(kRegions, "R"), names(kRegions, "Region"),
        districts(kRegions, "District");
    db.write_regions(codes, names, districts);
  }
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes large runs until it is killed; it never returns into the test runner.
    try {
      auto db = open_sample(path);
      for (int replicate = 0; replicate < 100000; ++replicate) {
        db.write_run(sample_run("arm", replicate, 1, kTicks, kRegions));
      }
    } catch (...) {
    }
    _exit(0);
  }
  // Kill once three runs are in (the child writes until killed, so it gets there unless it
  // fails, which ends it), at a moment unrelated to run boundaries.
  int status = 0;
  bool child_ended = false;
  while (!child_ended && count(path, "SELECT count(*) FROM runs") < 3) {
    child_ended = waitpid(child, &status, WNOHANG) == child;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE_FALSE(child_ended);
  std::this_thread::sleep_for(std::chrono::milliseconds(7));
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));

  auto db = open_sample(path);
  const auto runs = static_cast<std::int64_t>(db.run_count());
  CHECK(runs >= 3);
  CHECK(count(path, "SELECT count(*) FROM series") == runs * std::int64_t{kTicks});
  CHECK(count(path, "SELECT count(*) FROM region_series") ==
        runs * std::int64_t{kTicks * kRegions});
  CHECK(count(path, "SELECT count(*) FROM events") == runs * 3);
  // Writing resumes after the last whole run.
  db.write_run(sample_run("arm", static_cast<int>(runs), 1, kTicks, kRegions));
  CHECK(db.run_count() == static_cast<std::size_t>(runs + 1));
}

TEST_CASE("resume lists the completed runs in (arm, replicate) order", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    write_sample_regions(db);
    db.write_run(sample_run("treatment", 1, 11));
    db.write_run(sample_run("baseline", 2, 22));
    db.write_run(sample_run("baseline", 0, 20));
  }
  auto db = open_sample(path);
  const auto completed = db.completed_runs();
  REQUIRE(completed.size() == 3);
  CHECK(completed[0].arm == "baseline");
  CHECK(completed[0].replicate == 0);
  CHECK(completed[0].seed == 20);
  CHECK(completed[0].status == "ok");
  CHECK(completed[1].replicate == 2);
  CHECK(completed[2].arm == "treatment");
  CHECK(db.has_run("baseline", 2));
  CHECK_FALSE(db.has_run("baseline", 1));
  CHECK_THROWS_WITH(db.write_run(sample_run("baseline", 2, 22)), Catch::Contains("already stored"));
}

TEST_CASE("writes from four threads all land", "[store][threads]") {
  TempDir dir;
  auto db = open_sample(dir / "results.sqlite");
  write_sample_regions(db);
  constexpr int kThreads = 4;
  constexpr int kRunsPerThread = 25;
  std::vector<std::thread> workers;
  workers.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&db, t] {
      for (int i = 0; i < kRunsPerThread; ++i) {
        db.write_run(sample_run("arm" + std::to_string(t), i, static_cast<std::uint64_t>(i)));
      }
    });
  }
  for (auto& worker : workers) worker.join();
  CHECK(db.run_count() == std::size_t{kThreads} * kRunsPerThread);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kRunsPerThread; ++i) {
      const RunRecord read = db.read_run("arm" + std::to_string(t), i);
      CHECK(same_values(read.series, sample_run("x", i, 0).series));
    }
  }
}

TEST_CASE("runs and series read back for a summary in (arm, replicate) order", "[store]") {
  TempDir dir;
  auto db = open_sample(dir / "results.sqlite");
  write_sample_regions(db);
  db.write_run(sample_run("b", 1, 5));
  db.write_run(sample_run("a", 0, 6));
  db.write_run(sample_run("b", 0, 7));

  const auto runs = db.runs();
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].arm == "a");
  CHECK(runs[1].arm == "b");
  CHECK(runs[1].replicate == 0);
  CHECK(runs[2].seed == 5);
  CHECK(same_values(runs[2].outcomes, sample_run("b", 1, 5).outcomes));
  CHECK(same_values(runs[2].parameters, sample_run("b", 1, 5).parameters));

  // Two of the three metrics, in an order of their own: columns 2 and 1 of the sample's rows.
  const auto series = db.series_values({"exposure", "ngo_count"});
  REQUIRE(series.size() == 3);
  CHECK(series[2].arm == "b");
  CHECK(series[2].replicate == 1);
  const RunRecord expected = sample_run("b", 1, 5);
  REQUIRE(series[2].values.size() == 2);
  REQUIRE(series[2].values[0].size() == expected.quarters.size());
  REQUIRE(series[2].values[1].size() == expected.quarters.size());
  for (std::size_t tick = 0; tick < expected.quarters.size(); ++tick) {
    CHECK(same_value(series[2].values[0][tick], expected.series[tick * 3 + 2]));
    CHECK(same_value(series[2].values[1][tick], expected.series[tick * 3 + 1]));
  }
  CHECK_THROWS_WITH(db.series_values({"ngo_count", "nope"}), Catch::Contains("share_reformed"));
}

TEST_CASE("column names must be safe identifiers, distinct, and not the store's own", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  const auto open_with = [&](const Schema& schema) {
    return ResultsDatabase::open(path, schema, "s", kShaA);
  };
  Schema bad = sample_schema();
  bad.parameters.push_back("drop table\"");
  CHECK_THROWS_WITH(open_with(bad), Catch::Contains("not an identifier"));
  bad = sample_schema();
  bad.outcomes.push_back("1st");
  CHECK_THROWS_AS(open_with(bad), StoreError);
  bad = sample_schema();
  bad.outcomes.push_back("Beta_Resist");  // SQLite ignores case in column names
  CHECK_THROWS_WITH(open_with(bad), Catch::Contains("twice"));
  bad = sample_schema();
  bad.series_metrics.push_back("tick");
  CHECK_THROWS_WITH(open_with(bad), Catch::Contains("reserved"));
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a run of the wrong shape is refused with a clear error", "[store]") {
  TempDir dir;
  auto db = open_sample(dir / "results.sqlite");
  RunRecord run = sample_run("a", 0, 1);
  run.region_series.clear();
  {
    RunRecord wrong = run;
    wrong.outcomes.pop_back();
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("outcomes has 1 values, expected 2"));
  }
  {
    RunRecord wrong = run;
    wrong.series.pop_back();
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("series"));
  }
  {
    RunRecord wrong = sample_run("a", 0, 1);
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("before write_regions"));
    write_sample_regions(db);
    wrong.region_series.pop_back();
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("region series"));
  }
  {
    RunRecord wrong = run;
    wrong.events.push_back({99, "late", -1, ""});
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("tick 99"));
    wrong.events.back() = {0, "elsewhere", 3, ""};
    CHECK_THROWS_WITH(db.write_run(wrong), Catch::Contains("region 3 of 3"));
  }
  CHECK(db.run_count() == 0);
  db.write_run(run);  // without region series: allowed
  CHECK(db.read_run("a", 0).region_series.empty());
}

TEST_CASE("the manifest keeps each key and the whole JSON, and takes later updates", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  auto db = open_sample(path);
  const nlohmann::json manifest = {{"scenario_name", "moscow-first"},
                                   {"scenario_sha256", kShaA},
                                   {"scenario_text", "a: 1\nb: [2, 3]\n"},
                                   {"threads", 8},
                                   {"libraries", {{"sqlite", "3.40.1"}, {"tbb", "2021.8"}}},
                                   {"end_time", nullptr}};
  db.write_manifest(manifest);
  db.set_manifest("end_time", "2024-05-01T12:00:00Z");

  sqlite::Database raw(path, sqlite::Database::Mode::read_only);
  sqlite::Statement value(raw, "SELECT value FROM manifest WHERE key = ?");
  const auto get = [&](const char* key) {
    value.bind(1, key);
    REQUIRE(value.step());
    std::string text = value.column_text(0);
    value.reset();
    return text;
  };
  CHECK(get("scenario_text") == "a: 1\nb: [2, 3]\n");
  CHECK(get("threads") == "8");
  CHECK(get("libraries") == R"({"sqlite":"3.40.1","tbb":"2021.8"})");
  CHECK(get("end_time") == "2024-05-01T12:00:00Z");
  nlohmann::json expected = manifest;
  expected["end_time"] = "2024-05-01T12:00:00Z";
  CHECK(nlohmann::json::parse(get("manifest_json")) == expected);
  CHECK(db.manifest() == expected);

  CHECK_THROWS_WITH(db.set_manifest("manifest_json", "x"), Catch::Contains("reserved"));
  CHECK_THROWS_WITH(db.write_manifest({{"fingerprint", kShaB}}), Catch::Contains(kShaB));
  CHECK_THROWS_AS(db.write_manifest(nlohmann::json::array()), StoreError);
}

TEST_CASE("regions are written once and must match on resume", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    write_sample_regions(db);
    CHECK(db.region_count() == 3);
  }
  auto db = open_sample(path);
  CHECK(db.region_count() == 3);
  write_sample_regions(db);  // the same list again: accepted
  CHECK_THROWS_WITH(db.write_regions({"MOW"}, {"Moscow"}, {"Central"}),
                    Catch::Contains("different list of regions"));
  CHECK_THROWS_AS(db.write_regions({"MOW"}, {}, {}), StoreError);
  CHECK(count(path, "SELECT count(*) FROM regions") == 3);
}

TEST_CASE("region series round-trip with a single region, written row by row", "[store]") {
  TempDir dir;
  auto db = open_sample(dir / "results.sqlite");
  db.write_regions({"MOW"}, {"Moscow"}, {"Central"});
  RunRecord written = sample_run("a", 0, 1, 5, 1);
  written.events.clear();
  db.write_run(written);
  CHECK(same_values(db.read_run("a", 0).region_series, written.region_series));
}

TEST_CASE("a second writer on the folder is refused at once, naming the holder", "[store][lock]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    try {
      open_sample(dir / "other.sqlite");  // the lock is the folder's, whatever the file
      FAIL("a second writer was let in");
    } catch (const StoreError& error) {
      CHECK(error.exit_code() == StoreError::cannot_create_output);
      CHECK_THAT(std::string(error.what()),
                 Catch::Contains("is in use by another policysim process (pid " +
                                 std::to_string(::getpid()) + " on ") &&
                     Catch::Contains("-o DIR"));
    }
  }
  CHECK_NOTHROW(open_sample(path));  // released with the first
}

TEST_CASE("the lock of a writer killed with SIGKILL is released by the kernel",
          "[store][lock][crash]") {
  TempDir dir;
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto lock = FolderLock::acquire(dir.path());
    const char byte = 1;
    [[maybe_unused]] const auto written = write(ready[1], &byte, 1);
    pause();
    _exit(0);
  }
  char byte = 0;
  REQUIRE(read(ready[0], &byte, 1) == 1);
  CHECK_THROWS_WITH(FolderLock::acquire(dir.path()),
                    Catch::Contains("(pid " + std::to_string(child) + " on "));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  CHECK_NOTHROW(FolderLock::acquire(dir.path()));
  close(ready[0]);
  close(ready[1]);
}

TEST_CASE("a database with corrupt pages is refused before anything is written",
          "[store][integrity]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    write_sample_regions(db);
    for (int replicate = 0; replicate < 40; ++replicate) {
      db.write_run(sample_run("baseline", replicate, 7));
    }
  }
  std::string bytes = read_bytes(path);
  // The page size is the big-endian 16-bit number at offset 16 of the file's header.
  const std::size_t page_size = static_cast<unsigned char>(bytes[16]) * std::size_t{256} +
                                static_cast<unsigned char>(bytes[17]);
  REQUIRE(page_size >= 512);
  REQUIRE(bytes.size() > std::size_t{4} * page_size);
  // Overwrite a page in the middle of the file with a pattern no page holds.
  const std::size_t page = bytes.size() / page_size / 2;
  for (std::size_t i = 0; i < page_size; ++i) {
    bytes[page * page_size + i] = static_cast<char>(i * 7 + 3);
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  try {
    auto db = open_sample(path);
    db.write_run(sample_run("baseline", 40, 7));
    FAIL("a damaged database was written to");
  } catch (const StoreError& error) {
    CHECK(error.exit_code() == StoreError::cannot_create_output);
    CHECK_THAT(std::string(error.what()),
               Catch::Contains("is damaged") && Catch::Contains("-o DIR"));
  }
  CHECK(read_bytes(path) == bytes);
}

TEST_CASE("a changed fingerprint names the parts that changed", "[store][resume]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  const nlohmann::json first = {{"scenario", "abc"}, {"seed", "1"}, {"engine", "C library"}};
  {
    auto db = ResultsDatabase::open(path, sample_schema(), "s", first);
    write_sample_regions(db);
    db.write_run(sample_run("baseline", 0, 7));
  }
  nlohmann::json second = first;
  second["seed"] = "2";
  second["data file"] = "d00d";
  try {
    ResultsDatabase::open(path, sample_schema(), "s", second);
    FAIL("runs of other inputs were accepted");
  } catch (const StoreError& error) {
    const std::string message = error.what();
    CHECK_THAT(message, Catch::Contains("\n  seed: 1 there, 2 now") &&
                            Catch::Contains("\n  data file: none there, d00d now") &&
                            !Catch::Contains("scenario:") && !Catch::Contains("engine:"));
  }
  CHECK(ResultsDatabase::open(path, sample_schema(), "s", first).run_count() == 1);

  // A database that records no fingerprint cannot be checked, so it is not resumed.
  {
    sqlite::Database raw(path, sqlite::Database::Mode::read_write_create);
    raw.exec("DELETE FROM manifest WHERE key = 'fingerprint'");
  }
  CHECK_THROWS_WITH(ResultsDatabase::open(path, sample_schema(), "s", first),
                    Catch::Contains("no fingerprint"));
}

TEST_CASE("an output path that is a file is refused with a message saying so", "[store]") {
  TempDir dir;
  { std::ofstream(dir / "file") << "x"; }
  CHECK_THROWS_WITH(open_sample(dir / "file" / "results.sqlite"),
                    Catch::Contains("is a file, not a directory"));
}

TEST_CASE("column meanings are stored with their role, replaced on each write, and checked",
          "[store][columns]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  {
    auto db = open_sample(path);
    CHECK(db.column_meanings().empty());  // never written
    db.describe_columns({{"runs", "final_share", "share", "Share reformed at the end"},
                         {"runs", "order", "", "Order of the reforms"},
                         {"series", "ngo_count", "NGOs", "NGOs active"},
                         {"region_series", "pressure", "0-1", "Pressure on the region"}});
    db.describe_columns({{"runs", "final_share", "share of regions", "Share reformed"},
                         {"series", "ngo_count", "NGOs", "NGOs active"}});
    const std::vector<ColumnMeaning> expected = {
        {"runs", "final_share", "share of regions", "Share reformed"},
        {"series", "ngo_count", "NGOs", "NGOs active"}};
    CHECK(db.column_meanings() == expected);
    // A column of another table, or of none, is refused and the stored meanings kept.
    CHECK_THROWS_WITH(db.describe_columns({{"series", "final_share", "share", "x"}}),
                      Catch::Contains("series.final_share is not a column of the schema"));
    CHECK_THROWS_WITH(db.describe_columns({{"runs", "nothing", "", "x"}}),
                      Catch::Contains("runs.nothing is not a column of the schema"));
    CHECK(db.column_meanings() == expected);
  }
  CHECK(count(path,
              "SELECT count(*) FROM column_meanings WHERE role = 'outcome' AND "
              "column_name = 'final_share'") == 1);
  CHECK(count(path, "SELECT count(*) FROM column_meanings WHERE role = 'metric'") == 1);
  auto reopened = open_sample(path);
  CHECK(reopened.column_meanings().size() == 2);
}

TEST_CASE("a run without series keeps its outcomes and events and adds no series rows", "[store]") {
  TempDir dir;
  const auto path = dir / "results.sqlite";
  auto db = open_sample(path);
  write_sample_regions(db);
  RunRecord written = sample_run("p0", 0, 42);
  written.series.clear();  // a sweep's run, stored without --series
  db.write_run(written);
  db.flush();
  CHECK(count(path, "SELECT count(*) FROM runs") == 1);
  CHECK(count(path, "SELECT count(*) FROM series") == 0);
  CHECK(count(path, "SELECT count(*) FROM events") ==
        static_cast<std::int64_t>(written.events.size()));
  // Series of the wrong length are still refused: only none at all means "not stored".
  RunRecord short_series = sample_run("p0", 1, 43);
  short_series.series.pop_back();
  CHECK_THROWS_WITH(db.write_run(short_series), Catch::Contains("series (ticks × series metrics)"));
}

TEST_CASE("each arm's mean of an outcome is its values' sum in replicate order over their count",
          "[store]") {
  TempDir dir;
  auto db = ResultsDatabase::open(dir / "results.sqlite", sample_schema(), "s", {{"seed", 1}});
  write_sample_regions(db);
  // final_share: 1/3 + replicate. Arm "a": replicates 0, 1, 2 and 5 (beyond those asked for);
  // arm "b": replicate 1 failed, replicate 0 with no value; arm "c": no value at all.
  for (const int replicate : {0, 1, 2, 5}) db.write_run(sample_run("a", replicate, 1));
  RunRecord no_value = sample_run("b", 0, 1);
  no_value.outcomes[1] = kMissingValue;
  db.write_run(no_value);
  RunRecord failed = sample_run("b", 1, 1);
  failed.status = "failed: injected";
  db.write_run(failed);
  db.write_run(sample_run("b", 2, 1));
  RunRecord none = sample_run("c", 0, 1);
  none.outcomes[1] = kMissingValue;
  db.write_run(none);

  std::vector<std::pair<std::string, double>> means;
  db.visit_arm_means("final_share", 3,
                     [&](const std::string& arm, double mean) { means.emplace_back(arm, mean); });
  const double third = 1.0 / 3.0;
  REQUIRE(means.size() == 2);
  CHECK(means[0].first == "a");
  CHECK(means[0].second == ((third + 0.0) + (third + 1.0) + (third + 2.0)) / 3);
  CHECK(means[1].first == "b");
  CHECK(means[1].second == third + 2.0);
}

TEST_CASE("a database cut short before its manifest is told from one written to", "[store]") {
  TempDir dir;
  const auto empty = dir / "empty.sqlite";
  std::ofstream(empty.string()).close();  // its maker killed before SQLite wrote a byte
  CHECK(never_written(empty));
  const auto tables_only = dir / "tables_only.sqlite";
  { auto db = open_sample(tables_only); }  // killed after the tables, before the manifest
  CHECK(never_written(tables_only));
  const auto with_manifest = dir / "with_manifest.sqlite";
  {
    auto db = open_sample(with_manifest);
    db.write_manifest({{"scenario_name", "moscow-first"}});
  }
  CHECK_FALSE(never_written(with_manifest));
  // A run without a manifest is no policysim database's, but it is something written.
  const auto runs_only = dir / "runs_only.sqlite";
  {
    auto db = open_sample(runs_only);
    write_sample_regions(db);
    db.write_run(sample_run("baseline", 0, 42));
  }
  CHECK_FALSE(never_written(runs_only));
  // Another program's database, its tables empty: not the store's, so not its to remove.
  const auto other = dir / "other.sqlite";
  {
    sqlite::Database db(other, sqlite::Database::Mode::read_write_create);
    db.exec("CREATE TABLE notes(text TEXT)");
  }
  CHECK_FALSE(never_written(other));
}
