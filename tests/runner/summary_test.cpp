// The summary read from the database against the summary of the same runs held in memory.

#include "sim/runner/summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/model/metrics.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/store/results_database.hpp"
#include "tests/support/bit_exact_sums.hpp"

using namespace policysim;
using policysim::testing::same_bits;

TEST_CASE("the summary streamed from the database has the bits of the summary held in memory",
          "[runner][summary]") {
  const core::TemporaryFolder dir("summary");
  auto db = store::ResultsDatabase::open(dir.path() / "results.sqlite", runner::results_schema(),
                                         "summary", "sha");
  const std::size_t outcomes = model::kOutcomeNames.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Two arms of 2600 replicates (more than one block of the deterministic sum), values over many
  // magnitudes so that another order of additions changes the last bits, some missing; a few runs
  // failed; replicates from 2500 on are beyond the summary's.
  const int replicates = 2500;
  std::vector<std::vector<double>> held;  // the summary's runs, in (arm, replicate) order
  for (const std::string arm : {"a", "b"}) {
    for (int r = 0; r < 2600; ++r) {
      store::RunRecord run;
      run.arm = arm;
      run.replicate = r;
      run.seed = static_cast<std::uint64_t>(r);
      run.status = r % 97 == 5 ? "failed: a test's failure" : "ok";
      run.quarters = {"1997Q1"};
      for (std::size_t o = 0; o < outcomes; ++o) {
        const double x = static_cast<double>(r * 31 + static_cast<int>(o) * 7 + (arm == "b"));
        const bool missing = run.status != "ok" || (o % 3 == 1 && r % 11 == 0) || o == 2;
        run.outcomes.push_back(missing ? nan : std::sin(x) * std::pow(10.0, std::fmod(x, 9) - 4));
      }
      db.write_run(run);
      if (r < replicates && run.status == "ok") held.push_back(run.outcomes);
    }
  }
  db.flush();

  const auto expected = runner::summarise_outcomes(model::kOutcomeNames, held);
  const auto streamed = runner::summarise_stored_outcomes(db, model::kOutcomeNames, replicates);
  REQUIRE(streamed.size() == expected.size());
  for (std::size_t o = 0; o < expected.size(); ++o) {
    INFO(expected[o].name);
    CHECK(streamed[o].name == expected[o].name);
    CHECK(streamed[o].present == expected[o].present);
    CHECK(streamed[o].missing == expected[o].missing);
    CHECK(same_bits(streamed[o].mean, expected[o].mean));
    CHECK(same_bits(streamed[o].q05, expected[o].q05));
    CHECK(same_bits(streamed[o].q95, expected[o].q95));
  }
  // Outcome 2 is missing in every run, so the comparison covers that case as well.
  CHECK(expected[2].present == 0);
  CHECK(expected[0].present == static_cast<int>(held.size()));
}
