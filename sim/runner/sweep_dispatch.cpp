#include "sim/runner/sweep_dispatch.hpp"

#include "sim/runner/rank_databases.hpp"

namespace policysim::runner {

store::ResultsDatabase& LocalDispatch::open(const std::filesystem::path& sweep_database,
                                            const OpenDatabase& open_database, std::ostream& log) {
  store::ResultsDatabase& database = database_.emplace(open_database(sweep_database));
  take_in_stopped_job(database, log);
  return database;
}

BatchResult LocalDispatch::run(ReplicationRunner& runner, std::span<const Job> jobs, bool quiet,
                               std::ostream& log, const ReplicationRunner::RunStored& stored,
                               const RankDone& /*rank_done: there is no other rank*/) {
  return runner.run(jobs, quiet, log, stored);
}

}  // namespace policysim::runner
