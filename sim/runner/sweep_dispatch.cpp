#include "sim/runner/sweep_dispatch.hpp"

#include <ostream>

#include "sim/runner/rank_databases.hpp"

namespace policysim::runner {

store::ResultsDatabase& LocalDispatch::open(const std::filesystem::path& sweep_database,
                                            const OpenDatabase& open_database, std::ostream& log) {
  store::ResultsDatabase& database = database_.emplace(open_database(sweep_database));
  if (const std::size_t taken = take_in_rank_databases(database); taken > 0) {
    log << "policysim: took in " << taken << " runs a stopped MPI job left in "
        << ranks_folder(sweep_database).string() << '\n';
  }
  return database;
}

BatchResult LocalDispatch::run(ReplicationRunner& runner, std::span<const Job> jobs, bool quiet,
                               std::ostream& log) {
  return runner.run(jobs, quiet, log);
}

}  // namespace policysim::runner
