#include "sim/runner/provenance.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

#include "sim/core/elementary.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/scenario/yaml_writer.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

// Top-level scenario keys that change no run: runs are compared by everything else.
constexpr std::array<std::string_view, 5> kKeysOutsideRuns = {"description", "replications",
                                                              "targets", "seed", "data_dir"};

InputFile read_input(const std::filesystem::path& path, bool keep_content) {
  InputFile file{path, "", read_text_file(path)};
  file.sha256 = sha256_hex(file.content);
  if (!keep_content) file.content.clear();
  return file;
}

nlohmann::json describe_files(const std::vector<InputFile>& files, bool with_content) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& file : files) {
    nlohmann::json entry = {{"path", file.path.string()}, {"sha256", file.sha256}};
    if (with_content) {
      entry["name"] = file.path.filename().string();
      entry["bytes"] = file.content.size();
      entry["content"] = file.content;
    }
    list.push_back(std::move(entry));
  }
  return list;
}

[[noreturn]] void refuse(const std::string& message) {
  throw store::StoreError(message, store::StoreError::missing_input);
}

}  // namespace

Provenance scenario_provenance(const scenario::Scenario& scenario) {
  Provenance provenance;
  provenance.resolved_yaml = scenario.resolved_yaml;
  for (const auto& file : scenario.source_files) {
    provenance.scenario_files.push_back(read_input(file, false));
  }
  for (const auto& file : scenario::data_files(scenario)) {
    provenance.data_files.push_back(read_input(file, true));
  }
  return provenance;
}

nlohmann::json fingerprint(const Provenance& provenance, std::uint64_t seed, bool region_series) {
  scenario::YamlNode runs_part =
      scenario::parse_yaml(provenance.resolved_yaml, "resolved scenario");
  std::erase_if(runs_part.entries, [](const auto& entry) {
    return std::find(kKeysOutsideRuns.begin(), kKeysOutsideRuns.end(), entry.key.text) !=
           kKeysOutsideRuns.end();
  });
  nlohmann::json parts = {
      {"scenario (resolved, sha256)", sha256_hex(scenario::write_yaml(runs_part))},
      {"seed", std::to_string(seed)},
      {"regional series", region_series ? "with --regions" : "without --regions"},
      {"policysim version", POLICYSIM_VERSION},
      {"elementary functions", core::kElementaryFunctions},
  };
  for (const auto& file : provenance.data_files) {
    parts["data file " + file.path.filename().string() + " (sha256)"] = file.sha256;
  }
  return parts;
}

nlohmann::json provenance_manifest(const Provenance& provenance) {
  return {{"scenario_resolved", provenance.resolved_yaml},
          {"scenario_files", describe_files(provenance.scenario_files, false)},
          {"data_files", describe_files(provenance.data_files, true)}};
}

std::filesystem::path write_scenario_from_manifest(const nlohmann::json& manifest,
                                                   const std::filesystem::path& folder) {
  const auto resolved = manifest.find("scenario_resolved");
  const auto data = manifest.find("data_files");
  if (resolved == manifest.end() || !resolved->is_string() || data == manifest.end() ||
      !data->is_array()) {
    refuse(
        "its manifest holds no resolved scenario and data files (an older policysim wrote "
        "it), so its runs cannot be made again from it alone");
  }
  std::filesystem::create_directories(folder / "data");
  std::filesystem::path scenario_file = folder / "scenario.yaml";
  const auto write = [](const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      throw store::StoreError("cannot write " + path.string(),
                              store::StoreError::cannot_create_output);
    }
  };
  write(scenario_file, resolved->get<std::string>());
  for (const auto& entry : *data) {
    const std::string name = entry.value("name", "");
    const std::string content = entry.value("content", "");
    // A name with a folder in it could write anywhere; the data files are plain names.
    if (name.empty() || std::filesystem::path(name).filename() != name) {
      refuse("its manifest names a data file '" + name + "' that is not a plain file name");
    }
    if (sha256_hex(content) != entry.value("sha256", "")) {
      refuse("the stored content of data file " + name + " does not match its sha256");
    }
    write(folder / "data" / name, content);
  }
  return scenario_file;
}

}  // namespace policysim::runner
