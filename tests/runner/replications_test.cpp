#include "sim/runner/replications.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using namespace policysim;
using Catch::Matchers::Contains;
using policysim::runner::testing::TempDir;

namespace {

const fs::path kSource = POLICYSIM_SOURCE_DIR;

}  // namespace

TEST_CASE("a run whose stored hook throws is still stored and counted as written",
          "[runner][replications]") {
  const TempDir dir("hook");
  const auto scenario = scenario::load_scenario(kSource / "scenarios/smoke/tiny.yaml");
  const model::Country country = scenario::load_country(scenario);
  auto db = store::ResultsDatabase::open(dir.path / "results.sqlite", runner::results_schema(),
                                         scenario.name, "sha");
  db.write_regions(country.codes, country.names, runner::district_of_each_region(country));
  runner::ReplicationRunner runner({{"base", scenario.config}}, country, db, 7, false);
  const std::vector<runner::Job> jobs = runner.missing_jobs(4);
  REQUIRE(jobs.size() == 4);

  std::ostringstream log;
  std::mutex told_mutex;  // the hook runs on the workers
  std::set<int> told;
  const runner::BatchResult batch =
      runner.run(jobs, true, log, [&](const runner::Job& job, const store::RunRecord&) {
        if (job.replicate == 2) throw std::runtime_error("no memory for the statistics");
        std::lock_guard lock(told_mutex);
        told.insert(job.replicate);
      });
  CHECK(batch.written == 4);
  CHECK(batch.failed == 0);
  CHECK(told == std::set<int>{0, 1, 3});
  CHECK(db.runs().size() == 4);
  CHECK(runner.missing_jobs(4).empty());
  CHECK_THAT(log.str(), Contains("arm base replicate 2 is stored, but what is kept of it in "
                                 "memory was lost: no memory for the statistics"));
}
