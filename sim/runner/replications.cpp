#include "sim/runner/replications.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <new>
#include <ostream>
#include <utility>

#include "sim/core/progress.hpp"
#include "sim/model/numeric_guard.hpp"
#include "sim/runner/run_record.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {
namespace {

// Inside one run, threads pay off only for large countries; replications fill the cores otherwise.
constexpr std::size_t kParallelRunRegions = 4096;

// Simulations a worker keeps built: every arm of a comparison (a few), but not every point of a
// sweep, whose jobs come point by point so that a worker rarely builds one twice.
constexpr std::size_t kKeptSimulations = 16;

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

// Per-worker simulations, one per arm, built on first use: one network build and one set of
// buffers per thread and arm, reused across runs and batches.
struct ReplicationRunner::Pool {
  struct PerArm {
    std::vector<std::unique_ptr<model::Simulation>> by_arm;
    std::vector<std::size_t> built;  // arms whose Simulation is built, oldest first
  };
  explicit Pool(std::size_t arm_count)
      : simulations([arm_count] {
          return PerArm{std::vector<std::unique_ptr<model::Simulation>>(arm_count), {}};
        }) {}

  // This worker's Simulation of `arm`, built now if it is not, dropping the one built longest
  // ago when the worker keeps kKeptSimulations already.
  model::Simulation& simulation(std::size_t arm, const model::Config& config,
                                const model::Country& country) {
    PerArm& mine = simulations.local();
    auto& simulation = mine.by_arm[arm];
    if (!simulation) {
      if (mine.built.size() >= kKeptSimulations) {
        mine.by_arm[mine.built.front()].reset();
        mine.built.erase(mine.built.begin());
      }
      simulation = std::make_unique<model::Simulation>(config, country);
      mine.built.push_back(arm);
    }
    return *simulation;
  }

  tbb::enumerable_thread_specific<PerArm> simulations;
};

ReplicationRunner::ReplicationRunner(std::vector<ArmConfig> arms, const model::Country& country,
                                     store::ResultsDatabase& database, std::uint64_t base_seed,
                                     bool region_series, bool series)
    : arms_(std::move(arms)),
      country_(country),
      database_(database),
      base_seed_(base_seed),
      run_options_{region_series, country.region_count() >= kParallelRunRegions},
      series_(series),
      pool_(std::make_unique<Pool>(arms_.size())) {
  for (const auto& arm : arms_) quarters_.push_back(quarter_labels(arm.config));
}

ReplicationRunner::~ReplicationRunner() = default;

std::vector<Job> ReplicationRunner::missing_jobs(int replicates) const {
  std::vector<Job> jobs;
  for (int replicate = 0; replicate < replicates; ++replicate) {
    for (std::size_t arm = 0; arm < arms_.size(); ++arm) {
      if (!database_.has_run(arms_[arm].name, replicate)) jobs.push_back({arm, replicate});
    }
  }
  return jobs;
}

BatchResult ReplicationRunner::run(std::span<const Job> jobs, bool quiet, std::ostream& log,
                                   const RunStored& stored) {
  std::unique_ptr<core::Progress> progress;
  if (!quiet) progress = std::make_unique<core::Progress>("runs", jobs.size());
  std::atomic<int> failed{0}, failed_stored{0}, dropped{0};
  std::mutex log_mutex;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, jobs.size(), 1), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      if (stop_signal() != 0) {
        ++dropped;
        continue;
      }
      const Job job = jobs[i];
      const ArmConfig& arm = arms_[job.arm];
      // Common random numbers: the seed depends on the replicate only, never on the arm.
      const std::uint64_t run_seed = replicate_seed(base_seed_, job.replicate);
      try {
        const auto started = std::chrono::steady_clock::now();
        // A run of a large country is parallel inside. A thread waiting for that inner loop may
        // be handed another job of this outer loop (oneTBB's guide, "Work Isolation"), which
        // would reuse this thread's Simulation in the middle of its run. Isolation forbids it.
        auto output = tbb::this_task_arena::isolate([&] {
          return pool_->simulation(job.arm, arm.config, country_).run(run_seed, run_options_);
        });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        store::RunRecord record = to_record(std::move(output), arm.name, job.replicate, run_seed,
                                            seconds, quarters_[job.arm]);
        record.parameters = arm.parameters;
        if (series_) {
          database_.write_run(record);
        } else {
          // Stored without its series, which the hook still sees: a sweep judges its targets on
          // them.
          std::vector<double> series = std::exchange(record.series, {});
          database_.write_run(record);
          record.series = std::move(series);
        }
        if (stored) {
          // The run is stored whatever the hook does: a hook that throws loses only what it
          // would have kept, which its caller can read back from the database.
          try {
            stored(job, record);
          } catch (const std::exception& e) {
            std::lock_guard lock(log_mutex);
            log << "policysim: arm " << arm.name << " replicate " << job.replicate
                << " is stored, but what is kept of it in memory was lost: " << e.what() << '\n';
          }
        }
      } catch (const store::StoreError&) {
        throw;  // the results cannot be written: stop rather than lose more runs
      } catch (const std::bad_alloc&) {
        throw;  // out of memory: every other run would fail the same way
      } catch (const model::NonFiniteState& e) {
        database_.write_run(failed_record(arm, job.replicate, run_seed, e.what()));
        ++failed;
        ++failed_stored;
        std::lock_guard lock(log_mutex);
        log << "policysim: arm " << arm.name << " replicate " << job.replicate << " (seed "
            << run_seed << ") failed, stored as failed: " << e.what() << '\n';
      } catch (const std::exception& e) {
        ++failed;
        std::lock_guard lock(log_mutex);
        log << "policysim: arm " << arm.name << " replicate " << job.replicate << " (seed "
            << run_seed << ") failed: " << e.what() << '\n';
      }
      if (progress) progress->advance();
    }
  });
  database_.flush();  // the batch's runs are stored when it returns
  if (progress) progress->finish();
  return {static_cast<int>(jobs.size()) - failed.load() - dropped.load(), failed.load(),
          failed_stored.load(), dropped.load()};
}

}  // namespace policysim::runner
