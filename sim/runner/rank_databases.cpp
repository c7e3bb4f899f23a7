#include "sim/runner/rank_databases.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "sim/store/folder_lock.hpp"
#include "sim/store/results_merge.hpp"
#include "sim/store/results_overwrite.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {
namespace {

namespace fs = std::filesystem;

/// Removes a rank database and its folder (left in place while anything else is in it), and
/// the ranks folder once it is empty.
void remove_rank_database(const fs::path& database) {
  store::remove_results_database(database);
  std::error_code error;
  const fs::path folder = database.parent_path();
  fs::remove(folder / store::kLockFileName, error);
  fs::remove(folder, error);                // only if empty
  fs::remove(folder.parent_path(), error);  // the ranks folder, only if empty
}

/// The rank databases beside `sweep_database`, sorted (a run is in one of them only, so the order
/// changes nothing but the run_id each gets). One a killed rank was still making, which holds
/// nothing, is removed instead.
std::vector<fs::path> rank_databases(const fs::path& sweep_database) {
  std::vector<fs::path> databases;
  std::error_code error;
  const fs::path folder = ranks_folder(sweep_database);
  if (!fs::is_directory(folder, error)) return databases;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path database = entry.path() / "results.sqlite";
    if (entry.is_directory() && fs::exists(database, error)) databases.push_back(database);
  }
  // Removed once the folder is listed: removing its entries while listing it is unspecified.
  std::erase_if(databases, [](const fs::path& database) {
    if (!store::never_written(database)) return false;
    remove_rank_database(database);
    return true;
  });
  std::sort(databases.begin(), databases.end());
  return databases;
}

}  // namespace

fs::path ranks_folder(const fs::path& sweep_database) {
  return (sweep_database.has_parent_path() ? sweep_database.parent_path() : fs::path(".")) /
         "ranks";
}

fs::path rank_database(const fs::path& sweep_database, int rank) {
  return ranks_folder(sweep_database) / std::to_string(rank) / "results.sqlite";
}

std::size_t take_in_rank_databases(store::ResultsDatabase& sweep) {
  const std::vector<fs::path> databases = rank_databases(sweep.path());
  if (databases.empty()) return 0;
  const store::MergeCount count = store::merge_into_open(sweep, databases);
  for (const auto& database : databases) remove_rank_database(database);
  return count.runs_added;
}

void take_in_stopped_job(store::ResultsDatabase& sweep, std::ostream& log) {
  if (const std::size_t taken = take_in_rank_databases(sweep); taken > 0) {
    log << "policysim: took in " << taken << " runs a stopped MPI job left in "
        << ranks_folder(sweep.path()).string() << '\n';
  }
}

void remove_rank_databases(const fs::path& sweep_database) {
  for (const auto& database : rank_databases(sweep_database)) remove_rank_database(database);
}

}  // namespace policysim::runner
