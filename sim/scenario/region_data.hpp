#pragma once
// The 83 Russian federal subjects of 2008 (scenarios/data): ISO codes, English names, the seven
// federal districts of the 2000s with their centres, exposure (MODEL.md §7) and land adjacency.

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/config.hpp"

namespace policysim::scenario {

/// File names inside the data directory.
inline constexpr std::string_view kRegionsFile = "russia_regions_83.csv";
inline constexpr std::string_view kAdjacencyFile = "russia_regions_adjacency.csv";

/// Edge kinds that are left out unless a scenario lists them in `include_edges`.
inline constexpr std::array<std::string_view, 2> kOptionalEdgeKinds = {"land_from_2012",
                                                                       "doubtful"};

/// Loads the regions from `data_dir`; `include_edge_kinds` adds edges of the optional kinds.
/// Throws ScenarioError (file, line) on malformed or inconsistent data.
model::Country load_russia_regions(const std::filesystem::path& data_dir,
                                   std::span<const std::string> include_edge_kinds = {});

/// The names of each region, by region index: the region table's `name_*` columns (English,
/// Russian) in file order, empty ones left out. For suggesting a code to one who wrote a name.
std::vector<std::vector<std::string>> load_region_names(const std::filesystem::path& data_dir);

}  // namespace policysim::scenario
