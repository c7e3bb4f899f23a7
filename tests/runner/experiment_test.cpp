#include "sim/runner/experiment.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <sys/utsname.h>

#include "sim/core/temporary_folder.hpp"
#include "sim/model/metrics.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/remake.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"

namespace fs = std::filesystem;
using namespace policysim;
using TempDir = policysim::core::TemporaryFolder;

namespace {

const fs::path kSource = POLICYSIM_SOURCE_DIR;

runner::ExperimentOptions tiny_options(const fs::path& out, int threads, int reps) {
  runner::ExperimentOptions options;
  options.scenario_file = kSource / "scenarios/smoke/tiny.yaml";
  options.replications = reps;
  options.seed = 11;
  options.threads = threads;
  options.out_dir = out;
  options.region_series = true;
  options.quiet = true;
  return options;
}

runner::ExperimentResult run(const runner::ExperimentOptions& options,
                             std::string* summary = nullptr) {
  std::ostringstream out, log;
  auto result = runner::run_experiment(options, out, log);
  if (summary) *summary = out.str();
  return result;
}

// Every value of a query, as text: doubles are written with all 17 significant digits, so equal
// text means equal bits. run_id is left out: runs finish, and so are numbered, in any order.
std::vector<std::string> query_values(const fs::path& database, const std::string& sql) {
  store::sqlite::Database db(database, store::sqlite::Database::Mode::read_only);
  auto statement = db.prepare(sql);
  std::vector<std::string> values;
  while (statement.step()) {
    for (int c = 0; c < statement.column_count(); ++c) {
      if (statement.column_name(c) == "run_id") continue;
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

// The runs table without wall_seconds, which differs between runs by nature.
std::string runs_query() {
  std::string sql = "SELECT arm, replicate, seed, status";
  for (auto name : model::kOutcomeNames) {
    sql += ", ";
    sql += name;
  }
  return sql + " FROM runs ORDER BY replicate";
}

std::vector<std::string> everything(const fs::path& database) {
  std::vector<std::string> all;
  for (const std::string& sql : std::vector<std::string>{
           "SELECT s.* FROM series s JOIN runs r USING (run_id) ORDER BY r.replicate, s.tick",
           "SELECT s.* FROM region_series s JOIN runs r USING (run_id) "
           "ORDER BY r.replicate, s.tick, s.region",
           "SELECT e.* FROM events e JOIN runs r USING (run_id) ORDER BY r.replicate, e.event",
           runs_query()}) {
    auto values = query_values(database, sql);
    all.insert(all.end(), values.begin(), values.end());
  }
  return all;
}

}  // namespace

TEST_CASE("an experiment's stored results are bit-identical at 1, 2 and 4 threads",
          "[runner][determinism]") {
  TempDir dir("threads");
  std::vector<std::vector<std::string>> results;
  for (int threads : {1, 2, 4}) {
    const auto result = run(tiny_options(dir.path() / std::to_string(threads), threads, 4));
    REQUIRE(result.runs_written == 4);
    results.push_back(everything(result.database));
  }
  REQUIRE(results[0].size() > 1000);
  CHECK(results[0] == results[1]);
  CHECK(results[0] == results[2]);
}

TEST_CASE("runs that are parallel inside are bit-identical at 1, 2 and 4 threads",
          "[runner][determinism]") {
  // From 4096 regions a run splits its regions over the threads while replications run side by
  // side: parallel loops nested in a parallel loop, each thread reusing its own Simulation.
  TempDir dir("nested");
  fs::create_directories(dir.path());
  const fs::path scenario = dir.path() / "large.yaml";
  std::ofstream(scenario) << R"(name: large
start: 1997Q1
end: 1997Q4
synthetic: {regions: 5000, districts: 9, seed: 5}
donors:
  - {name: Donor, foreignness: 0.7, local_ownership: 0.2, foreign: true}
interventions:
  - {name: Training, donor: Donor, instrument: training, start: 1997Q1, end: 1997Q4, targets: {random: 900}}
  - {name: Exchange, donor: Donor, instrument: exchange, start: 1997Q2, end: 1997Q3, targets: {random: 300}}
)";
  std::vector<std::vector<std::string>> results;
  for (int threads : {1, 2, 4}) {
    runner::ExperimentOptions options =
        tiny_options(dir.path() / std::to_string(threads), threads, 8);
    options.scenario_file = scenario;
    options.region_series = false;
    const auto result = run(options);
    REQUIRE(result.runs_written == 8);
    results.push_back(everything(result.database));
  }
  REQUIRE(results[0].size() > 1000);
  CHECK(results[0] == results[1]);
  CHECK(results[0] == results[2]);
}

TEST_CASE("re-running an interrupted experiment reuses stored runs and ends identical",
          "[runner][resume]") {
  TempDir dir("resume");
  const auto whole = run(tiny_options(dir.path() / "whole", 2, 5));
  // An "interrupted" experiment: 2 of the 5 runs stored, then the same command again.
  run(tiny_options(dir.path() / "resumed", 2, 2));
  const auto resumed = run(tiny_options(dir.path() / "resumed", 2, 5));
  CHECK(resumed.runs_reused == 2);
  CHECK(resumed.runs_written == 3);
  CHECK(everything(whole.database) == everything(resumed.database));
}

TEST_CASE("targets from the runs in memory equal those read back from the database",
          "[runner][resume][targets]") {
  // The first command takes each run's target statistics from its series in memory; the same
  // command again reuses every run and reads their series back.
  TempDir dir("targets");
  const auto first = run(tiny_options(dir.path(), 2, 5));
  const std::string query =
      "SELECT r.replicate, t.* FROM target_values t JOIN runs r USING (run_id) "
      "ORDER BY r.replicate, t.name";
  const auto from_memory = query_values(first.database, query);
  const auto again = run(tiny_options(dir.path(), 2, 5));
  REQUIRE(again.runs_reused == 5);
  CHECK(from_memory.size() > 5);
  CHECK(query_values(again.database, query) == from_memory);
}

TEST_CASE("the summary and targets cover the replicates asked for, not all those stored",
          "[runner][resume][summary]") {
  TempDir dir("fewer");
  std::string four, two;
  run(tiny_options(dir.path() / "four", 1, 4), &four);
  run(tiny_options(dir.path() / "two", 1, 2), &two);
  // Asking for 2 over a database of 4 reuses 2 and describes those 2, as a fresh run of 2 does.
  std::ostringstream out, log;
  const auto result = runner::run_experiment(tiny_options(dir.path() / "four", 1, 2), out, log);
  CHECK(result.runs_reused == 2);
  CHECK(result.runs_written == 0);
  CHECK(out.str().find("tiny: 2 runs,") != std::string::npos);
  // The summary and target tables are those of the fresh run of 2, line for line.
  const auto tables = [](const std::string& text) {
    return text.substr(0, text.rfind("results:"));
  };
  CHECK(tables(out.str()) == tables(two));
  CHECK(tables(four) != tables(two));
  CHECK(log.str().find("also holds 2 replicates from 2 on") != std::string::npos);
  CHECK(query_values(result.database, "SELECT count(DISTINCT run_id) FROM target_values") ==
        std::vector<std::string>{"2"});
}

TEST_CASE("a database holding another scenario's runs is refused and left as it was",
          "[runner][store]") {
  TempDir dir("refuse");
  const auto first = run(tiny_options(dir.path(), 1, 2));
  const auto before = everything(first.database);
  auto other = tiny_options(dir.path(), 1, 2);
  other.scenario_file = kSource / "scenarios/smoke/synthetic.yaml";
  CHECK_THROWS_AS(run(other), store::StoreError);
  CHECK(everything(first.database) == before);
}

TEST_CASE("the summary lists every outcome and the targets", "[runner][summary]") {
  TempDir dir("summary");
  std::string summary;
  run(tiny_options(dir.path(), 2, 3), &summary);
  for (auto name : model::kOutcomeNames) {
    INFO(name);
    std::string row_start = "\n";
    row_start.append(name).append(" ");
    CHECK(summary.find(row_start) != std::string::npos);
  }
  CHECK(summary.find("targets met") != std::string::npos);
}

TEST_CASE("the manifest names the machine the runs were made on", "[runner][manifest]") {
  TempDir dir("machine");
  const auto result = run(tiny_options(dir.path(), 1, 1));
  const auto manifest = [&](const std::string& key) {
    return query_values(result.database, "SELECT value FROM manifest WHERE key = '" + key + "'");
  };
  // Found here by other means than the code's (gethostname, its own reading of /proc/cpuinfo):
  // the node name of uname(2), and the first "model name" line of /proc/cpuinfo by a regex.
  utsname system{};
  REQUIRE(uname(&system) == 0);
  CHECK(manifest("host") == std::vector<std::string>{system.nodename});
  std::ifstream cpuinfo("/proc/cpuinfo");
  const std::regex model_line(R"(^model name\s*:\s*(.*\S)\s*$)");
  std::string cpu = "unknown", line;
  std::smatch match;
  while (std::getline(cpuinfo, line)) {
    if (std::regex_match(line, match, model_line)) {
      cpu = match[1];
      break;
    }
  }
  CHECK(manifest("cpu") == std::vector<std::string>{cpu});
}

TEST_CASE("a dry run's estimate counts only the threads that have a run to do",
          "[runner][dry-run]") {
  TempDir dir("dry-threads");
  auto options = tiny_options(dir.path() / "out", 4096, 7);
  options.dry_run = true;
  std::string text;
  run(options, &text);
  // 7 runs keep 7 threads busy for one run's time each; the time is in ms or s, never "e-07 s".
  CHECK(text.find(" on 7 threads (of the 4096 asked for, the others would have no run to do)\n") !=
        std::string::npos);
  CHECK(text.find("e-0") == std::string::npos);
}

TEST_CASE("a dry run describes the experiment and writes nothing", "[runner][dry-run]") {
  TempDir dir("dry");
  const fs::path out = dir.path() / "out";
  auto options = tiny_options(out, 1, 7);
  options.dry_run = true;
  std::string text;
  run(options, &text);
  CHECK(text.find("runs: 7 replications from seed 11") != std::string::npos);
  CHECK(text.find("estimate:") != std::string::npos);
  CHECK(text.find(" on 1 thread\n") != std::string::npos);  // -j 1, whatever the machine's cores
  CHECK(text.find("memory: about 1 MiB beyond the program itself: the 83 regions take about 1 MiB, "
                  "and the model about 1 MiB") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("resuming with another seed is refused and loses nothing", "[runner][store][resume]") {
  // Runs resume by (arm, replicate), so runs of one base seed must not pass for another's.
  TempDir dir("seed");
  auto first_options = tiny_options(dir.path(), 1, 2);
  const auto first = run(first_options);
  const auto before = everything(first.database);
  auto other = tiny_options(dir.path(), 1, 3);
  other.seed = 12;
  try {
    run(other);
    FAIL("expected a StoreError");
  } catch (const store::StoreError& e) {
    CHECK(e.exit_code() == store::StoreError::cannot_create_output);
    CHECK_THAT(e.what(), Catch::Contains("holds 2 runs of scenario 'tiny'"));
    CHECK_THAT(e.what(), Catch::Contains("\n  seed: 11 there, 12 now"));
    CHECK_THAT(e.what(), !Catch::Contains("scenario (resolved"));
  }
  CHECK(everything(first.database) == before);
  first_options.replications = 3;  // the same seed resumes
  CHECK(run(first_options).runs_reused == 2);
}

TEST_CASE("resuming with --regions switched the other way is refused and loses nothing",
          "[runner][store][resume]") {
  TempDir dir("regions-flag");
  auto without = tiny_options(dir.path(), 1, 2);
  without.region_series = false;
  const auto first = run(without);
  const auto before = everything(first.database);
  auto with = tiny_options(dir.path(), 1, 3);
  with.region_series = true;
  try {
    run(with);
    FAIL("expected a StoreError");
  } catch (const store::StoreError& e) {
    CHECK_THAT(e.what(),
               Catch::Contains("regional series: without --regions there, with --regions now"));
    CHECK_THAT(e.what(), Catch::Contains("-o DIR"));
  }
  CHECK(everything(first.database) == before);
  without.replications = 3;  // the same flags resume
  CHECK(run(without).runs_reused == 2);
}

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// tiny.yaml as a base file in `folder`, with its data folder named, and a variant extending it.
fs::path write_extends_pair(const fs::path& folder, const std::string& beta0_law) {
  std::string base = read_file(kSource / "scenarios/smoke/tiny.yaml");
  const std::string law = "beta0: {law: -3.5";
  base.replace(base.find(law), law.size(), "beta0: {law: " + beta0_law);
  base += "data_dir: " + (kSource / "scenarios/data").string() + "\n";
  write_file(folder / "b2.yaml", base);
  write_file(folder / "v2.yaml", "extends: b2.yaml\nname: v2\n");
  return folder / "v2.yaml";
}

}  // namespace

TEST_CASE("runs are not reused once a file the scenario extends has changed",
          "[runner][store][resume]") {
  TempDir dir("extends");
  auto options = tiny_options(dir.path() / "out", 1, 2);
  options.scenario_file = write_extends_pair(dir.path(), "-3.5");
  const auto first = run(options);
  const auto before = everything(first.database);
  write_extends_pair(dir.path(), "-1.0");  // the variant's own file is unchanged
  try {
    run(options);
    FAIL("runs of the old base were reused");
  } catch (const store::StoreError& e) {
    CHECK(e.exit_code() == store::StoreError::cannot_create_output);
    CHECK_THAT(e.what(), Catch::Contains("made from other inputs than this command's") &&
                             Catch::Contains("scenario (resolved, sha256)") &&
                             Catch::Contains("-o DIR") && !Catch::Contains("seed:"));
  }
  CHECK(everything(first.database) == before);
  // A fresh folder shows the change does change the runs.
  options.out_dir = dir.path() / "fresh";
  CHECK(everything(run(options).database) != before);
}

TEST_CASE("the manifest holds the resolved scenario and its data files by hash and content",
          "[runner][manifest]") {
  TempDir dir("provenance");
  auto options = tiny_options(dir.path() / "out", 1, 1);
  options.scenario_file = write_extends_pair(dir.path(), "-3.5");
  const auto manifest = store::read_manifest(run(options).database);
  const std::string resolved = manifest.at("scenario_resolved");
  CHECK(resolved.find("extends") == std::string::npos);
  CHECK(resolved.find("name: v2") != std::string::npos);
  CHECK(resolved.find("law: -3.5") != std::string::npos);
  CHECK(resolved.find("data_dir") == std::string::npos);
  CHECK(manifest.at("scenario_files").size() == 2);
  const auto& data = manifest.at("data_files");
  REQUIRE(data.size() == 2);
  const std::string regions = read_file(kSource / "scenarios/data/russia_regions_83.csv");
  CHECK(data[0].at("name") == "russia_regions_83.csv");
  CHECK(data[0].at("content") == regions);
  CHECK(data[0].at("sha256") == runner::sha256_hex(regions));
  CHECK(manifest.at("fingerprint").at("data file russia_regions_83.csv (sha256)") ==
        runner::sha256_hex(regions));
}

TEST_CASE("a stored run whose seed disagrees with the manifest is refused, not reused",
          "[runner][store][resume]") {
  TempDir dir("disagree");
  auto options = tiny_options(dir.path(), 1, 3);
  const auto first = run(options);
  {
    store::sqlite::Database db(first.database, store::sqlite::Database::Mode::read_write_create);
    db.exec("UPDATE runs SET seed = '12345' WHERE replicate = 1");
  }
  options.replications = 4;
  CHECK_THROWS_WITH(run(options), Catch::Contains("replicate 1) made with seed 12345") &&
                                      Catch::Contains("its runs and its manifest disagree"));
}

TEST_CASE("a database's runs are made again, identical, from its manifest alone",
          "[runner][manifest][reproduce]") {
  TempDir dir("reproduce");
  auto options = tiny_options(dir.path() / "original", 2, 3);
  options.scenario_file = write_extends_pair(dir.path(), "-2.0");
  const auto original = run(options);
  auto resumed = options;  // the manifest remembers a resumed experiment's larger count
  resumed.replications = 4;
  run(resumed);
  // The scenario's files are gone: only the database is left to say what was run.
  fs::remove(dir.path() / "b2.yaml");
  fs::remove(dir.path() / "v2.yaml");
  auto again = std::get<runner::ExperimentOptions>(
      runner::options_from_manifest(dir.path() / "original", dir.path() / "again"));
  again.quiet = true;
  CHECK(again.replications == 4);
  CHECK(again.seed == 11);
  CHECK(again.region_series);
  const auto remade = run(again);
  CHECK(remade.runs_written == 4);
  CHECK(everything(remade.database) == everything(original.database));
  // The same inputs give the same fingerprint, so the copy resumes as the original would.
  CHECK(store::read_manifest(remade.database).at("fingerprint") ==
        store::read_manifest(original.database).at("fingerprint"));
  CHECK_THROWS_WITH(runner::options_from_manifest(dir.path() / "original", dir.path() / "original"),
                    Catch::Contains("another directory"));
}
