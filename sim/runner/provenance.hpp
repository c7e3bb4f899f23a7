#pragma once
// What a results database records of its inputs, so that it can neither be resumed from other
// inputs nor lose the means to make its runs again: the resolved scenario, every data file read
// (by SHA-256, and its content), and the fingerprint that resuming compares.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace policysim::runner {

/// A file a scenario was made from.
struct InputFile {
  std::filesystem::path path;  ///< as it was read
  std::string sha256;          ///< of its bytes
  std::string content;         ///< its bytes; empty for a scenario file (resolved_yaml has it)
};

/// The inputs of an experiment on one scenario.
struct Provenance {
  std::string resolved_yaml;              ///< the scenario after `extends:`, data_dir left out
  std::vector<InputFile> scenario_files;  ///< the file and those it extends
  std::vector<InputFile> data_files;      ///< region data, content kept
};

/// The bytes of a file (a scenario or a data file, for its sha256 and the manifest).
std::string read_text_file(const std::filesystem::path& file);

/// Reads the files `scenario` was made from.
Provenance scenario_provenance(const scenario::Scenario& scenario);

/// What resuming compares: every part that changes a run's results, by name. The scenario is
/// hashed after `extends:` with the keys that do not change a run left out (`description`,
/// `replications`, `targets`: runs are judged against targets afresh each time; `seed` and
/// `data_dir` appear as the base seed and the data files' hashes). The engine is named by its
/// version and elementary functions, which decide results bit for bit; thread count and CPU
/// flags do not (see the README).
nlohmann::json fingerprint(const Provenance& provenance, std::uint64_t seed, bool region_series);

/// The manifest entries that let the database reproduce its runs: `scenario_resolved`,
/// `scenario_files` and `data_files` (name, sha256, bytes and, for data, the content).
nlohmann::json provenance_manifest(const Provenance& provenance);

/// Writes the resolved scenario and its data files, from a manifest written with
/// provenance_manifest, into `folder` (scenario.yaml and data/); returns the scenario file.
/// Throws StoreError when the manifest lacks them or a file's content does not match its hash.
std::filesystem::path write_scenario_from_manifest(const nlohmann::json& manifest,
                                                   const std::filesystem::path& folder);

}  // namespace policysim::runner
