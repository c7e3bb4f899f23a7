#include "sim/runner/run_writer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>

#include "sim/core/temporary_folder.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/store/store_error.hpp"

using namespace policysim;
using Catch::Matchers::Contains;

namespace {

// A results database for the model's schema, in a temporary folder of its own.
struct Results {
  core::TemporaryFolder dir;
  store::ResultsDatabase db;
  explicit Results(const std::string& label)
      : dir(label),
        db(store::ResultsDatabase::open(dir.path() / "results.sqlite", runner::results_schema(),
                                        "writer test", "sha")) {}
};

// Replicate `replicate`'s run of arm "base": two quarters, its outcomes all `replicate`, and one
// event naming it.
store::RunRecord run(int replicate) {
  store::RunRecord record;
  record.arm = "base";
  record.replicate = replicate;
  record.seed = 1000 + static_cast<std::uint64_t>(replicate);
  record.status = "ok";
  record.wall_seconds = 0.001;
  record.outcomes.assign(runner::results_schema().outcomes.size(), replicate);
  record.quarters = {"2000Q1", "2000Q2"};
  record.events = {{1, "law_passed", -1, "replicate " + std::to_string(replicate)}};
  return record;
}

}  // namespace

TEST_CASE("runs handed to the writer from many threads are all stored, each whole",
          "[runner][writer]") {
  Results results("writer-threads");
  constexpr int kRuns = 500;  // several batches and a full queue
  runner::RunWriter writer(results.db);
  tbb::parallel_for(0, kRuns, [&](int replicate) { writer.submit(run(replicate)); });
  writer.finish();
  CHECK(writer.cpu_seconds() > 0.0);

  const std::vector<store::StoredRun> stored = results.db.runs();
  REQUIRE(stored.size() == kRuns);
  std::vector<int> seen(kRuns, 0);
  for (const store::StoredRun& r : stored) {
    REQUIRE(r.replicate >= 0);
    REQUIRE(r.replicate < kRuns);
    ++seen[static_cast<std::size_t>(r.replicate)];
    CHECK(r.seed == 1000 + static_cast<std::uint64_t>(r.replicate));
    CHECK(r.outcomes.front() == r.replicate);
    CHECK(r.outcomes.back() == r.replicate);
  }
  CHECK(std::count(seen.begin(), seen.end(), 1) == kRuns);
}

TEST_CASE("runs queued when the writer is dropped without finishing are still stored",
          "[runner][writer]") {
  Results results("writer-dropped");
  {
    runner::RunWriter writer(results.db);
    for (int replicate = 0; replicate < 3; ++replicate) writer.submit(run(replicate));
  }  // as when a worker threw: no finish()
  results.db.flush();
  CHECK(results.db.run_count() == 3);
}

TEST_CASE("a batch that cannot be stored throws to the worker that wrote it, and is not kept",
          "[runner][writer]") {
  Results results("writer-error");
  runner::RunWriter writer(results.db);
  writer.submit(run(0));
  store::RunRecord wrong = run(1);
  wrong.outcomes.pop_back();  // one outcome short: the store refuses the run
  writer.submit(std::move(wrong));
  // The batch is not full: it is written by finish(), which says which run failed.
  CHECK_THROWS_WITH(writer.finish(),
                    Contains("arm 'base', replicate 1") && Contains("outcomes has"));
  // The batch is gone: finishing again writes nothing more and commits what was stored, run 0
  // (a run refused before it is written leaves the database's group as it was).
  CHECK_NOTHROW(writer.finish());
  CHECK(results.db.run_count() == 1);

  // A full batch is written by the worker whose run filled it.
  runner::RunWriter full(results.db);
  for (int replicate = 10; replicate + 1 < 10 + static_cast<int>(runner::kBatchRuns); ++replicate) {
    full.submit(run(replicate));
  }
  CHECK(results.db.run_count() == 1);
  store::RunRecord last = run(100);
  last.outcomes.pop_back();
  CHECK_THROWS_WITH(full.submit(std::move(last)), Contains("arm 'base', replicate 100"));
}

TEST_CASE("a worker's batch holds fewer than 16 runs and under 1 MiB, and never more than all",
          "[runner][writer]") {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  // Small runs: 15 of them a worker, here two workers.
  CHECK(runner::batched_bytes_at_most(100, 1000, 2) == 3000);
  // Runs of 100 KiB: 15 of them would be 1.5 MiB, more than the batch's 1 MiB.
  CHECK(runner::batched_bytes_at_most(102400, 1000, 2) == 2 * kMiB);
  // Runs of a MiB or more are written at once.
  CHECK(runner::batched_bytes_at_most(kMiB, 1000, 2) == 0);
  // Three runs in all: at most those three.
  CHECK(runner::batched_bytes_at_most(100, 3, 8) == 300);
}
