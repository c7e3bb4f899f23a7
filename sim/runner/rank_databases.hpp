#pragma once
// The databases the ranks of an MPI sweep write beside the sweep's own: rank K (K >= 1) stores
// the runs it computes in <sweep folder>/ranks/K/results.sqlite, so that SQLite keeps one writer
// per file and writing grows with the ranks; rank 0 takes their runs into the sweep's database
// once they are done. A job stopped before that (killed, a node lost) leaves them there, and the
// next `policysim sweep` of the folder, with MPI or without, takes them in before it runs
// anything, so no stored run is computed twice.

#include <cstddef>
#include <filesystem>
#include <iosfwd>

#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The folder of the rank databases beside `sweep_database`: <its folder>/ranks.
std::filesystem::path ranks_folder(const std::filesystem::path& sweep_database);

/// The database rank `rank` (>= 1) of an MPI sweep writes, beside `sweep_database`.
std::filesystem::path rank_database(const std::filesystem::path& sweep_database, int rank);

/// Copies the runs of every rank database beside `sweep` (open, so its lock is held) that it
/// lacks into it, then removes those databases and their folders. Returns the runs copied. A rank
/// database that a rank killed while making it left without a manifest and runs is removed.
/// Throws StoreError: 73 for a rank database of other inputs or one another process still writes.
std::size_t take_in_rank_databases(store::ResultsDatabase& sweep);

/// take_in_rank_databases before a sweep lists the runs it lacks, saying on `log` how many runs
/// a stopped MPI job had left in its ranks' databases, if any.
void take_in_stopped_job(store::ResultsDatabase& sweep, std::ostream& log);

/// For --overwrite: removes the rank databases beside `sweep_database` and their folders.
void remove_rank_databases(const std::filesystem::path& sweep_database);

}  // namespace policysim::runner
