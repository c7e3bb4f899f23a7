#pragma once
// Where a scenario's region data come from when the scenario sets no `data_dir` and has no
// `data/` folder at or above its own: the folder named by POLICYSIM_DATA, else the region data of
// the source tree this program was built from. So a scenario written anywhere runs on the
// shipped data (docs/scenarios.md, "Where the region data come from").

#include <filesystem>
#include <string_view>

namespace policysim::scenario {

/// The environment variable naming a region data folder.
inline constexpr std::string_view kDataVariable = "POLICYSIM_DATA";

/// The region data folder of the source tree this program was built from (compiled in).
std::filesystem::path built_data_dir();

/// $POLICYSIM_DATA when it is set and not empty, else built_data_dir(); the caller checks that
/// the folder holds the region table.
std::filesystem::path fallback_data_dir();

/// True when POLICYSIM_DATA is set and not empty.
bool data_variable_set();

}  // namespace policysim::scenario
