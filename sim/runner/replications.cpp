#include "sim/runner/replications.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <new>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "sim/core/progress.hpp"
#include "sim/model/numeric_guard.hpp"
#include "sim/runner/run_record.hpp"
#include "sim/runner/run_writer.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {
namespace {

// Inside one run, threads pay off only for large countries; replications fill the cores otherwise.
constexpr std::size_t kParallelRunRegions = 4096;

// Simulations a worker keeps built: every arm of a comparison (a few, replicate-major), but with
// arms made on demand only the last: a sweep's jobs come point by point, so that a worker rarely
// comes back to a point, and its memory is that of one model per worker (check_memory's
// estimate) whatever the points.
constexpr std::size_t kKeptSimulations = 16;
constexpr std::size_t kKeptMadeArms = 1;

// Makes the runs of the arm named by POLICYSIM_TEST_FAIL_ARM fail with an ordinary error, for
// tests of what a failed run leaves (tests/cli/sweep_failed_runs.sh): once a scenario is accepted,
// no input makes the model throw anything but a NaN or infinite state.
void fail_if_a_test_asks(const std::string& arm) {
  static const char* const arm_to_fail = std::getenv("POLICYSIM_TEST_FAIL_ARM");
  if (arm_to_fail != nullptr && arm == arm_to_fail) {
    throw std::runtime_error("failure injected by POLICYSIM_TEST_FAIL_ARM");
  }
}

}  // namespace

store::RunRecord ReplicationRunner::failed_record(const ArmConfig& arm, int replicate,
                                                  std::uint64_t seed,
                                                  const std::string& why) const {
  store::RunRecord record;
  record.arm = arm.name;
  record.replicate = replicate;
  record.seed = seed;
  record.status = "failed: " + why;
  record.parameters = arm.parameters;
  record.wall_seconds = std::numeric_limits<double>::quiet_NaN();
  // Outcomes NULL, no series: nothing of the run is a result.
  record.outcomes.assign(database_.schema().outcomes.size(),
                         std::numeric_limits<double>::quiet_NaN());
  return record;
}

// Per-worker arms with their Simulations, made and built on first use: one network build and
// one set of buffers per thread and arm, reused across runs and batches.
struct ReplicationRunner::Pool {
  struct Built {
    std::size_t arm = 0;
    ArmConfig config;
    std::vector<std::string> quarters;
    std::unique_ptr<model::Simulation> simulation;  // null until built
  };
  using Kept = std::vector<Built>;  // oldest first, at most kept_at_most

  explicit Pool(std::size_t most_kept) : kept_at_most(most_kept) {}

  // This worker's arm `arm`, made now if it does not hold it, dropping the one made longest ago
  // when it holds `kept_at_most` already.
  Built& arm(std::size_t arm, const ArmSource& source) {
    Kept& mine = kept.local();
    const auto found =
        std::find_if(mine.begin(), mine.end(), [arm](const Built& b) { return b.arm == arm; });
    if (found != mine.end()) return *found;
    ArmConfig config = source.make(arm);
    std::vector<std::string> quarters = quarter_labels(config.config);
    if (mine.size() >= kept_at_most) mine.erase(mine.begin());
    mine.push_back({arm, std::move(config), std::move(quarters), nullptr});
    return mine.back();
  }

  std::size_t kept_at_most;
  tbb::enumerable_thread_specific<Kept> kept;
};

namespace {

ArmSource held_arms(std::vector<ArmConfig> arms) {
  auto held = std::make_shared<const std::vector<ArmConfig>>(std::move(arms));
  return {held->size(), [held](std::size_t arm) { return (*held)[arm]; }};
}

}  // namespace

ReplicationRunner::ReplicationRunner(std::vector<ArmConfig> arms, const model::Country& country,
                                     store::ResultsDatabase& database, std::uint64_t base_seed,
                                     bool region_series, bool series)
    : ReplicationRunner(held_arms(std::move(arms)), country, database, base_seed, region_series,
                        series) {
  store_every_failure_ = false;
  pool_ = std::make_unique<Pool>(kKeptSimulations);
}

ReplicationRunner::ReplicationRunner(ArmSource arms, const model::Country& country,
                                     store::ResultsDatabase& database, std::uint64_t base_seed,
                                     bool region_series, bool series)
    : arms_(std::move(arms)),
      country_(country),
      database_(database),
      base_seed_(base_seed),
      run_options_{region_series, country.region_count() >= kParallelRunRegions},
      series_(series),
      store_every_failure_(true),
      pool_(std::make_unique<Pool>(kKeptMadeArms)) {}

ReplicationRunner::~ReplicationRunner() = default;

std::vector<Job> ReplicationRunner::missing_jobs(int replicates) const {
  std::vector<Job> jobs;
  std::vector<std::string> names;
  for (std::size_t arm = 0; arm < arms_.count; ++arm) names.push_back(arms_.make(arm).name);
  for (int replicate = 0; replicate < replicates; ++replicate) {
    for (std::size_t arm = 0; arm < arms_.count; ++arm) {
      if (!database_.has_run(names[arm], replicate)) jobs.push_back({arm, replicate});
    }
  }
  return jobs;
}

BatchResult ReplicationRunner::run(std::span<const Job> jobs, bool quiet, std::ostream& log,
                                   const JudgeRun& judge, core::Progress* whole_progress) {
  std::unique_ptr<core::Progress> own_progress;
  if (!quiet && !whole_progress) {
    own_progress = std::make_unique<core::Progress>("runs", jobs.size());
  }
  core::Progress* const progress = whole_progress ? whole_progress : own_progress.get();
  std::atomic<int> failed{0}, failed_stored{0}, dropped{0};
  std::mutex log_mutex;
  RunWriter writer(database_);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, jobs.size(), 1), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      if (stop_signal() != 0) {
        ++dropped;
        continue;
      }
      const Job job = jobs[i];
      // Common random numbers: the seed depends on the replicate only, never on the arm.
      const std::uint64_t run_seed = replicate_seed(base_seed_, job.replicate);
      const ArmConfig* arm = nullptr;
      try {
        Pool::Built& built = pool_->arm(job.arm, arms_);
        arm = &built.config;
        fail_if_a_test_asks(arm->name);
        const auto started = std::chrono::steady_clock::now();
        // A run of a large country is parallel inside. A thread waiting for that inner loop may
        // be handed another job of this outer loop (oneTBB's guide, "Work Isolation"), which
        // would reuse this thread's Simulation in the middle of its run. Isolation forbids it.
        auto output = tbb::this_task_arena::isolate([&] {
          if (!built.simulation) {
            built.simulation = std::make_unique<model::Simulation>(arm->config, country_);
          }
          return built.simulation->run(run_seed, run_options_);
        });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        store::RunRecord record = to_record(std::move(output), arm->name, job.replicate, run_seed,
                                            seconds, built.quarters);
        record.parameters = arm->parameters;
        if (judge) judge(job, record);
        // Stored without its series unless asked: the judge has seen them.
        if (!series_) record.series.clear();
        writer.submit(std::move(record));
      } catch (const store::StoreError&) {
        throw;  // the results cannot be written: stop rather than lose more runs
      } catch (const std::bad_alloc&) {
        throw;  // out of memory: every other run would fail the same way
      } catch (const std::exception& e) {
        ++failed;
        // A NaN or infinite state fails again with the same seed, so it is stored; with arms
        // from an ArmSource (a sweep) so is every failure, to be read with its factors and seed.
        const bool store = arm != nullptr &&
                           (store_every_failure_ || dynamic_cast<const model::NonFiniteState*>(&e));
        if (store) {
          writer.submit(failed_record(*arm, job.replicate, run_seed, e.what()));
          ++failed_stored;
        }
        std::lock_guard lock(log_mutex);
        log << "policysim: arm " << (arm ? arm->name : "#" + std::to_string(job.arm))
            << " replicate " << job.replicate << " (seed " << run_seed << ") failed"
            << (store ? ", stored as failed: " : ": ") << e.what() << '\n';
      }
      if (progress) progress->advance();
    }
  });
  writer.finish();  // the batch's runs are stored when it returns
  if (own_progress) own_progress->finish();
  return {static_cast<int>(jobs.size()) - failed.load() - dropped.load(), failed.load(),
          failed_stored.load(), dropped.load()};
}

}  // namespace policysim::runner
