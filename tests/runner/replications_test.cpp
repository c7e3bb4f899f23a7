#include "sim/runner/replications.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <limits>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/thread_limit.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/target_table.hpp"

namespace fs = std::filesystem;
using namespace policysim;
using Catch::Matchers::Contains;
using TempDir = policysim::core::TemporaryFolder;

namespace {

const fs::path kSource = POLICYSIM_SOURCE_DIR;

// The tiny smoke scenario's configuration and country, and an empty results database for its
// runs, with the country's regions, in a temporary folder of its own.
struct TinyExperiment {
  TempDir dir;
  model::Config config;
  model::Country country;
  store::ResultsDatabase db;

  explicit TinyExperiment(const std::string& label,
                          const store::Schema& schema = runner::results_schema())
      : TinyExperiment(label, schema,
                       scenario::load_scenario(kSource / "scenarios/smoke/tiny.yaml")) {}

 private:
  TinyExperiment(const std::string& label, const store::Schema& schema,
                 const scenario::Scenario& tiny)
      : dir(label),
        config(tiny.config),
        country(scenario::load_country(tiny)),
        db(store::ResultsDatabase::open(dir.path() / "results.sqlite", schema, tiny.name, "sha")) {
    db.write_regions(country.codes, country.names, runner::district_of_each_region(country));
  }
};

}  // namespace

TEST_CASE("what the judge adds to a run is stored with it, and a run whose judge throws fails",
          "[runner][replications]") {
  TinyExperiment tiny("hook");
  runner::ReplicationRunner runner({{"base", tiny.config}}, tiny.country, tiny.db, 7, false);
  const std::vector<runner::Job> jobs = runner.missing_jobs(4);
  REQUIRE(jobs.size() == 4);

  std::ostringstream log;
  const runner::BatchResult batch =
      runner.run(jobs, true, log, [&](const runner::Job& job, store::RunRecord& run) {
        if (job.replicate == 2) throw std::runtime_error("no memory for the statistics");
        // The series is there for the judge to read.
        run.target_values = {{"ticks", static_cast<double>(run.quarters.size())},
                             {"replicate", static_cast<double>(job.replicate)}};
      });
  CHECK(batch.written == 3);
  CHECK(batch.failed == 1);
  CHECK(tiny.db.runs().size() == 3);
  const auto missing = runner.missing_jobs(4);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].replicate == 2);
  CHECK_THAT(log.str(), Contains("replicate 2 (seed") && Contains("no memory for the statistics"));
  const auto values = store::read_target_values(tiny.db.path());
  REQUIRE(values.size() == 2);
  const double ticks = tiny.config.tick_count();
  for (const auto& run : tiny.db.runs()) {
    CHECK(values.at("ticks").at(run.run_id) == ticks);
    CHECK(values.at("replicate").at(run.run_id) == run.replicate);
  }
}

TEST_CASE("once a signal asks to stop no run starts, and the run in flight is stored whole",
          "[runner][replications][signals]") {
  TinyExperiment tiny("stop");
  runner::ReplicationRunner runner({{"base", tiny.config}}, tiny.country, tiny.db, 7, false);
  const std::vector<runner::Job> jobs = runner.missing_jobs(6);
  REQUIRE(jobs.size() == 6);

  // One worker: the signal arrives while the first run is being stored, so that run is kept and
  // the other five are dropped.
  const runner::ThreadLimit one_thread(1);
  const runner::StopOnSignals stop_on_signals;
  std::ostringstream log;
  const runner::BatchResult batch = runner.run(
      jobs, true, log, [](const runner::Job&, const store::RunRecord&) { std::raise(SIGTERM); });
  CHECK(runner::stop_signal() == SIGTERM);
  CHECK(batch.written == 1);
  CHECK(batch.dropped == 5);
  CHECK(batch.failed == 0);
  REQUIRE(tiny.db.runs().size() == 1);
  CHECK(tiny.db.runs().front().replicate == jobs.front().replicate);
  CHECK(tiny.db.read_run("base", jobs.front().replicate).series.size() ==
        static_cast<std::size_t>(tiny.config.tick_count()) *
            tiny.db.schema().series_metrics.size());
  CHECK(runner.missing_jobs(6).size() == 5);
}

TEST_CASE("a run whose state becomes NaN is stored as failed, and the others go on",
          "[runner][replications][numeric]") {
  TinyExperiment tiny("non-finite");
  // An arm whose NGO foreign share turns NaN in the first tick's NGO phase (see
  // tests/model/numeric_guard_test.cpp), beside the scenario as it is.
  model::Config broken = tiny.config;
  broken.params.foreign_share_weight = std::numeric_limits<double>::quiet_NaN();
  runner::ReplicationRunner runner({{"base", tiny.config}, {"broken", broken}}, tiny.country,
                                   tiny.db, 7, false);
  const std::vector<runner::Job> jobs = runner.missing_jobs(3);
  REQUIRE(jobs.size() == 6);

  std::ostringstream log;
  const runner::BatchResult batch = runner.run(jobs, true, log);
  CHECK(batch.written == 3);
  CHECK(batch.failed == 3);
  CHECK(batch.failed_stored == 3);
  // Stored, so a rerun does not repeat what the same seed fails again.
  CHECK(runner.missing_jobs(3).empty());
  for (const auto& run : tiny.db.runs()) {
    if (run.arm == "base") {
      CHECK(run.status == "ok");
      continue;
    }
    CHECK_THAT(run.status, Contains("failed: non-finite state at tick 0 (1997Q1), phase `ngos`: "
                                    "NGO 0 foreign share = nan; seed ") &&
                               Contains("foreign_share_weight = nan"));
    CHECK(std::all_of(run.outcomes.begin(), run.outcomes.end(),
                      [](double value) { return std::isnan(value); }));
  }
  CHECK_THAT(log.str(), Contains("arm broken replicate 2 (seed ") &&
                            Contains("failed, stored as failed: non-finite state at tick 0"));
}

TEST_CASE("arms made on demand are made once per worker and point, and every failure is stored",
          "[runner][replications]") {
  store::Schema schema = runner::results_schema();
  schema.parameters = {"x"};
  TinyExperiment tiny("made-arms", schema);
  // Point 1 names an initial adopter past the country's regions: its runs throw when they
  // start, an error that is not a NaN.
  std::mutex made_mutex;
  std::vector<std::size_t> made;
  const runner::ArmSource points{
      3, [&](std::size_t p) {
        std::lock_guard lock(made_mutex);
        made.push_back(p);
        model::Config config = tiny.config;
        if (p == 1) config.initial_adopters.push_back({1000000, {}});
        return runner::ArmConfig{"p" + std::to_string(p), config, {0.5 * static_cast<double>(p)}};
      }};
  const runner::ThreadLimit one_thread(1);
  runner::ReplicationRunner runner(points, tiny.country, tiny.db, 7, false, false);
  std::vector<runner::Job> jobs;
  for (std::size_t p = 0; p < 3; ++p) {
    for (int r = 0; r < 2; ++r) jobs.push_back({p, r});
  }
  std::ostringstream log;
  const runner::BatchResult batch = runner.run(jobs, true, log);
  CHECK(batch.written == 4);
  CHECK(batch.failed == 2);
  CHECK(batch.failed_stored == 2);
  // One worker, jobs point by point: each point's configuration is made once.
  CHECK(made == std::vector<std::size_t>{0, 1, 2});
  const auto stored = tiny.db.runs();
  REQUIRE(stored.size() == 6);
  for (const auto& run : stored) {
    // Point p's factor value is p / 2, kept with its failed runs too.
    const double point = std::stod(run.arm.substr(1));
    CHECK(run.parameters == std::vector<double>{0.5 * point});
    CHECK(run.seed == runner::replicate_seed(7, run.replicate));
    if (run.arm != "p1") {
      CHECK(run.status == "ok");
      continue;
    }
    CHECK(run.status == "failed: an initial adopter does not exist");
    CHECK(std::all_of(run.outcomes.begin(), run.outcomes.end(),
                      [](double value) { return std::isnan(value); }));
  }
  CHECK_THAT(log.str(),
             Contains("arm p1 replicate 1 (seed ") &&
                 Contains("failed, stored as failed: an initial adopter does not exist"));
}

TEST_CASE("with arms given whole, a failure other than a NaN is not stored, to be run again",
          "[runner][replications]") {
  TinyExperiment tiny("given-arms");
  model::Config broken = tiny.config;
  broken.initial_adopters.push_back({1000000, {}});
  runner::ReplicationRunner runner({{"base", tiny.config}, {"broken", broken}}, tiny.country,
                                   tiny.db, 7, false);
  std::ostringstream log;
  const runner::BatchResult batch = runner.run(runner.missing_jobs(2), true, log);
  CHECK(batch.written == 2);
  CHECK(batch.failed == 2);
  CHECK(batch.failed_stored == 0);
  CHECK(runner.missing_jobs(2).size() == 2);  // the broken arm's, run again next time
}
