#include "sim/runner/remake.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <system_error>
#include <vector>

#include "sim/runner/provenance.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {

RemakeOptions options_from_manifest(const std::filesystem::path& results,
                                    const std::filesystem::path& out_dir) {
  const std::filesystem::path database =
      std::filesystem::is_directory(results) ? results / "results.sqlite" : results;
  const nlohmann::json manifest = store::read_manifest(database);
  if (manifest.contains("sweep")) {
    throw store::StoreError(database.string() +
                                " was written by `policysim sweep`; remaking its runs from the "
                                "manifest covers `policysim run` and `policysim compare` "
                                "databases only",
                            store::StoreError::missing_input);
  }
  std::error_code error;
  if (std::filesystem::equivalent(database.parent_path().empty() ? "." : database.parent_path(),
                                  out_dir, error)) {
    throw store::StoreError(
        "the runs would be remade into the folder they are read from; give "
        "another directory with -o DIR",
        store::StoreError::cannot_create_output);
  }
  const auto common = [&](ExperimentOptions& options) {
    options.scenario_file = write_scenario_from_manifest(manifest, out_dir / "inputs");
    options.out_dir = out_dir;
    options.replications = manifest.at("replications").get<int>();
    options.seed = std::stoull(manifest.at("seed").get<std::string>());
    options.region_series = manifest.value("region_series", false);
  };
  if (!manifest.contains("compare_arms")) {
    ExperimentOptions options;
    common(options);
    return options;
  }
  CompareOptions options;
  common(options);
  options.arms = manifest.at("compare_arms").get<std::vector<std::string>>();
  options.reference = manifest.at("compare_reference").get<std::string>();
  // The replicates per arm of the stored table; an interrupted comparison has none yet, and is
  // remade at the replicates it was started with.
  options.replications =
      manifest.value("compare_replicates", manifest.at("replications").get<int>());
  options.bootstrap_resamples =
      manifest.value("compare_bootstrap_resamples", options.bootstrap_resamples);
  return options;
}

}  // namespace policysim::runner
