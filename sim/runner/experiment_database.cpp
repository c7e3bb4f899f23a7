#include "sim/runner/experiment_database.hpp"

#include "sim/runner/manifest.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/store/results_overwrite.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {

std::vector<std::string> district_of_each_region(const model::Country& country) {
  std::vector<std::string> districts;
  districts.reserve(country.region_count());
  for (auto d : country.district) districts.push_back(country.district_names.at(d));
  return districts;
}

void prepare_experiment_database(const std::filesystem::path& database, const DatabaseShape& shape,
                                 bool overwrite, std::ostream& log) {
  if (shape.region_series) log << "policysim: " << database_size_line(shape) << '\n';
  if (overwrite) {
    if (const auto removed = store::remove_results_database(database); !removed.empty()) {
      log << "policysim: " << removed << '\n';
    }
  }
}

nlohmann::json experiment_manifest(const scenario::Scenario& scenario, const Provenance& provenance,
                                   int replications, std::uint64_t seed, int threads) {
  nlohmann::json manifest = build_description();
  manifest["command"] = core::command_line();
  manifest["scenario_name"] = scenario.name;
  manifest["scenario_file"] = scenario.file.string();
  manifest["scenario_sha256"] = sha256_hex(provenance.resolved_yaml);
  manifest["scenario_yaml"] = read_text_file(scenario.file);
  manifest.update(provenance_manifest(provenance));
  manifest["scenario_summary"] = scenario::describe(scenario);
  manifest["start_quarter"] = scenario.config.start.str();
  manifest["end_quarter"] = scenario.config.end.str();
  manifest["replications"] = replications;
  manifest["seed"] = std::to_string(seed);
  manifest["threads"] = threads;
  manifest["host"] = host_name();
  manifest["cpu"] = cpu_model();
  manifest["started_at"] = utc_now();
  return manifest;
}

store::ResultsDatabase open_experiment_database(const std::filesystem::path& database,
                                                const scenario::Scenario& scenario,
                                                const model::Country& country,
                                                const nlohmann::json& manifest_extra,
                                                int replications, std::uint64_t seed, int threads,
                                                bool region_series, const SweepInputs& sweep) {
  const Provenance provenance = scenario_provenance(scenario);
  nlohmann::json inputs = fingerprint(provenance, seed, region_series);
  store::Schema schema = results_schema();
  auto meanings = results_column_meanings();
  if (!sweep.design.is_null()) {
    inputs["sweep_design"] = sweep.design;
    for (const auto& column : sweep.factor_columns) schema.parameters.push_back(column.column);
    meanings.insert(meanings.begin(), sweep.factor_columns.begin(), sweep.factor_columns.end());
  }
  auto db = store::ResultsDatabase::open(database, schema, scenario.name, inputs);
  db.describe_columns(meanings);
  auto manifest = experiment_manifest(scenario, provenance, replications, seed, threads);
  manifest["region_series"] = region_series;
  manifest["fingerprint"] = inputs;
  if (manifest_extra.is_object()) manifest.update(manifest_extra);
  if (db.run_count() == 0) {
    db.write_manifest(manifest);
  } else {
    // The fingerprint matched; the runs themselves must agree with it too, or the file was
    // written by something else than its manifest says.
    for (const auto& run : db.completed_runs()) {
      const std::uint64_t expected = replicate_seed(seed, run.replicate);
      if (run.seed != expected) {
        throw store::StoreError(
            database.string() + " holds a run (arm " + run.arm + ", replicate " +
                std::to_string(run.replicate) + ") made with seed " + std::to_string(run.seed) +
                ", but its manifest's base seed " + std::to_string(seed) +
                " gives that replicate seed " + std::to_string(expected) +
                ": its runs and its manifest disagree, so none of its runs are reused. Write "
                "to a new directory with -o DIR",
            store::StoreError::cannot_create_output);
      }
    }
    db.set_manifest("resumed_at", manifest["started_at"]);
    // The manifest says how many replicates were asked for, so that the database can be made
    // again whole (`policysim reproduce`).
    if (replications > db.manifest().value("replications", 0)) {
      db.set_manifest("replications", replications);
    }
  }
  db.write_regions(country.codes, country.names, district_of_each_region(country));
  return db;
}

void mark_interrupted(store::ResultsDatabase& database, int signal) {
  database.set_manifest("complete", false);
  database.set_manifest("interrupted_by", signal_name(signal));
  database.set_manifest("interrupted_at", utc_now());
}

}  // namespace policysim::runner
