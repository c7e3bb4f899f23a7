#include "sim/runner/sweep_dispatch.hpp"

#include <memory>

#include "sim/core/progress.hpp"
#include "sim/runner/rank_databases.hpp"

namespace policysim::runner {

store::ResultsDatabase& LocalDispatch::open(const std::filesystem::path& sweep_database,
                                            const OpenDatabase& open_database, std::ostream& log) {
  store::ResultsDatabase& database = database_.emplace(open_database(sweep_database));
  take_in_stopped_job(database, log);
  return database;
}

BatchResult LocalDispatch::run(ReplicationRunner& runner, const NextJobs& next_jobs,
                               std::size_t job_count, bool quiet, std::ostream& log,
                               const ReplicationRunner::JudgeRun& judge) {
  std::unique_ptr<core::Progress> progress;
  if (!quiet) progress = std::make_unique<core::Progress>("runs", job_count);
  BatchResult batch;
  for (auto jobs = next_jobs(); !jobs.empty(); jobs = next_jobs()) {
    batch += runner.run(jobs, true, log, judge, progress.get());
  }
  if (progress) progress->finish();
  return batch;
}

}  // namespace policysim::runner
