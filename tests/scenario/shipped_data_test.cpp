// A scenario with no region data beside it uses POLICYSIM_DATA, else the data of the source tree
// the program was built from; when neither holds the table, the error is at the `regions:` line.

#include "sim/scenario/shipped_data.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::load_scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::data_dir;
using policysim::scenario::testing::write_temp;

namespace {

constexpr const char* kOutside = "name: outside\nstart: 2000Q1\nend: 2000Q4\nregions: russia83\n";

/// Sets POLICYSIM_DATA for one test and restores it after.
struct DataVariable {
  explicit DataVariable(const std::string& value) { setenv("POLICYSIM_DATA", value.c_str(), 1); }
  ~DataVariable() { unsetenv("POLICYSIM_DATA"); }
};

bool same_folder(const std::filesystem::path& a, const std::filesystem::path& b) {
  return std::filesystem::weakly_canonical(a) == std::filesystem::weakly_canonical(b);
}

}  // namespace

TEST_CASE("a scenario outside the source tree runs on the data it was built with",
          "[scenario][data]") {
  unsetenv("POLICYSIM_DATA");
  const auto s = load_scenario(write_temp(kOutside));
  CHECK(same_folder(s.data_dir, data_dir()));
  CHECK(s.region_count == 83);
  CHECK(same_folder(policysim::scenario::built_data_dir(), data_dir()));
}

TEST_CASE("POLICYSIM_DATA names the data of a scenario without its own", "[scenario][data]") {
  // A copy of the region data elsewhere is used when named.
  const auto copy = write_temp("", "placeholder").parent_path() / "data";
  std::filesystem::create_directories(copy);
  for (const char* file : {"russia_regions_83.csv", "russia_regions_adjacency.csv"}) {
    std::filesystem::copy_file(data_dir() / file, copy / file);
  }
  const DataVariable variable(copy.string());
  CHECK(same_folder(load_scenario(write_temp(kOutside)).data_dir, copy));
}

TEST_CASE("region data that cannot be found is an error at the `regions:` line",
          "[scenario][data][errors]") {
  const auto empty = write_temp("", "placeholder").parent_path();
  const DataVariable variable(empty.string());
  const auto path = write_temp(kOutside);
  try {
    load_scenario(path);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.line() == 4);
    CHECK(e.column() == 10);
    CHECK_THAT(e.message(), Contains("cannot find the region data for `regions: russia83`"));
    CHECK_THAT(e.message(), Contains("POLICYSIM_DATA names " + empty.string()));
    CHECK_THAT(e.message(), Contains("set `data_dir:` in the scenario, or the environment "
                                     "variable POLICYSIM_DATA"));
  }
}

TEST_CASE("a variant elsewhere uses the data its base found", "[scenario][data][extends]") {
  // POLICYSIM_DATA names a folder without data: the variant must not fall back on it.
  const DataVariable variable(write_temp("", "placeholder").parent_path().string());
  const auto base = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" / "baseline.yaml";
  const auto variant = write_temp("extends: " + base.string() + "\nname: elsewhere\n");
  const auto s = load_scenario(variant);
  CHECK(same_folder(s.data_dir, data_dir()));
  CHECK(s.region_count == 83);
}
