#include "sim/runner/provenance.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/core/temporary_folder.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/scenario/scenario.hpp"

namespace fs = std::filesystem;
using namespace policysim;
using TempDir = policysim::core::TemporaryFolder;

namespace {

const fs::path kSource = POLICYSIM_SOURCE_DIR;

std::string tiny_text() {
  std::ifstream in(kSource / "scenarios/smoke/tiny.yaml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str() + "data_dir: " + (kSource / "scenarios/data").string() + "\n";
}

// The fingerprint of `text` (tiny.yaml with one line replaced) run from seed 5.
nlohmann::json fingerprint_of(const fs::path& folder, const std::string& from,
                              const std::string& to) {
  std::string text = tiny_text();
  if (!from.empty()) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  }
  std::string name = std::to_string(std::hash<std::string>{}(text));
  name += ".yaml";
  const fs::path file = folder / name;
  std::ofstream(file) << text;
  return runner::fingerprint(runner::scenario_provenance(scenario::load_scenario(file)), 5, false);
}

}  // namespace

TEST_CASE("the fingerprint changes with what changes runs and only with that",
          "[runner][provenance]") {
  TempDir dir("fingerprint");
  const auto base = fingerprint_of(dir.path(), "", "");
  // Nothing a run depends on.
  CHECK(fingerprint_of(dir.path(), "replications: 2", "replications: 9") == base);
  CHECK(fingerprint_of(dir.path(), "description: Smoke", "description: Other") == base);
  CHECK(fingerprint_of(dir.path(), "range: [0.0, 0.8]", "range: [0.1, 0.7]") == base);
  CHECK(fingerprint_of(dir.path(), "# Duma and presidential elections", "") == base);
  // A parameter, an intervention's window: the scenario part alone changes.
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"gamma: 0.12", "gamma: 0.13"},
                                 {"end: 1999Q4", "end: 1999Q3"}}) {
    const auto changed = fingerprint_of(dir.path(), from, to);
    CHECK(changed["scenario (resolved, sha256)"] != base["scenario (resolved, sha256)"]);
    CHECK(changed["seed"] == base["seed"]);
  }
  // The seed and the regional series are parts of their own.
  const auto file = dir.path() / "tiny.yaml";
  std::ofstream(file) << tiny_text();
  const auto provenance = runner::scenario_provenance(scenario::load_scenario(file));
  CHECK(runner::fingerprint(provenance, 6, false)["seed"] == "6");
  CHECK(runner::fingerprint(provenance, 5, true)["regional series"] == "with --regions");
  CHECK(runner::fingerprint(provenance, 5, false) == base);
}

TEST_CASE("the data files are recorded by hash and content, and written back checked",
          "[runner][provenance]") {
  TempDir dir("data-files");
  const fs::path file = dir.path() / "tiny.yaml";
  std::ofstream(file) << tiny_text();
  const auto provenance = runner::scenario_provenance(scenario::load_scenario(file));
  REQUIRE(provenance.data_files.size() == 2);
  const auto manifest = runner::provenance_manifest(provenance);
  const fs::path scenario_file =
      runner::write_scenario_from_manifest(manifest, dir.path() / "again");
  std::ifstream written(dir.path() / "again/data/russia_regions_adjacency.csv");
  std::ostringstream text;
  text << written.rdbuf();
  std::ifstream source(kSource / "scenarios/data/russia_regions_adjacency.csv");
  std::ostringstream original;
  original << source.rdbuf();
  CHECK(text.str() == original.str());
  // The scenario written back reads as the same scenario, with the same fingerprint.
  const auto again = runner::scenario_provenance(scenario::load_scenario(scenario_file));
  CHECK(runner::fingerprint(again, 5, false) == runner::fingerprint(provenance, 5, false));

  auto tampered = manifest;
  tampered["data_files"][0]["content"] = "iso_3166_2\n";
  CHECK_THROWS_WITH(runner::write_scenario_from_manifest(tampered, dir.path() / "bad"),
                    Catch::Contains("does not match its sha256"));
  auto escaping = manifest;
  escaping["data_files"][0]["name"] = "../outside.csv";
  CHECK_THROWS_WITH(runner::write_scenario_from_manifest(escaping, dir.path() / "bad"),
                    Catch::Contains("not a plain file name"));
}
