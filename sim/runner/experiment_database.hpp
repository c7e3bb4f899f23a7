#pragma once
// The results database of an experiment (`run`, `compare`, `sweep`): made ready (its size said,
// an old one removed on --overwrite), opened or resumed with its manifest and region table, and
// marked when a signal stops it.

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/runner/database_size.hpp"
#include "sim/runner/provenance.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The district name of each region, for the database's region table.
std::vector<std::string> district_of_each_region(const model::Country& country);

/// The manifest of an experiment on `scenario`: build, command, scenario as written and
/// resolved, its data files (provenance_manifest), seed, threads.
nlohmann::json experiment_manifest(const scenario::Scenario& scenario, const Provenance& provenance,
                                   int replications, std::uint64_t seed, int threads);

/// What a sweep adds to its experiment's database: a column of `runs` for each factor, with its
/// meaning, and the design, among the inputs that resuming compares.
struct SweepInputs {
  std::vector<store::ColumnMeaning> factor_columns;  ///< table "runs", in the factors' order
  nlohmann::json design;                             ///< null for an experiment that is no sweep
};

/// What every experiment does before it opens `database`: with region series, the log says how
/// large the runs will make it (`shape`); with `overwrite`, the database there is removed
/// (store::remove_results_database) and the log says so.
void prepare_experiment_database(const std::filesystem::path& database, const DatabaseShape& shape,
                                 bool overwrite, std::ostream& log);

/// Opens (or creates) the database of an experiment on `scenario`, writes the manifest on first
/// use (a `resumed_at` time otherwise) and the region table. A database holding runs is resumed
/// only if they were made from the same inputs (the fingerprint: resolved scenario, data files,
/// seed, per-region series switched the same way, engine, a sweep's design) and each stored
/// run's seed is the one this experiment gives its replicate; otherwise StoreError (73), the file
/// left as it was.
store::ResultsDatabase open_experiment_database(const std::filesystem::path& database,
                                                const scenario::Scenario& scenario,
                                                const model::Country& country,
                                                const nlohmann::json& manifest_extra,
                                                int replications, std::uint64_t seed, int threads,
                                                bool region_series, const SweepInputs& sweep = {});

/// Marks `database` as stopped by `signal` before its runs were all stored: the manifest's
/// `interrupted_by` (the signal's name) and `interrupted_at` (UTC), with `complete` left false.
void mark_interrupted(store::ResultsDatabase& database, int signal);

}  // namespace policysim::runner
