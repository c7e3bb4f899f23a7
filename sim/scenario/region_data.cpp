#include "sim/scenario/region_data.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario {
namespace detail {

/// The seven federal districts created by the decree of 13 May 2000, with their administrative
/// centres. Names are spelt as in the data's `federal_district_2000s` column.
struct DistrictSpec {
  std::string_view name;
  std::string_view centre;
};
inline constexpr std::array<DistrictSpec, 7> kDistricts = {{
    {"Central", "RU-MOW"},
    {"Northwestern", "RU-SPE"},
    {"Southern", "RU-ROS"},
    {"Volga", "RU-NIZ"},
    {"Ural", "RU-SVE"},
    {"Siberian", "RU-NVS"},
    {"Far Eastern", "RU-KHA"},
}};

/// Regions with high exposure besides the whole Far Eastern district (MODEL.md §7): the
/// north-west border regions and the two federal cities.
inline constexpr std::array<std::string_view, 7> kHighExposureCodes = {
    "RU-KGD", "RU-KR", "RU-LEN", "RU-MUR", "RU-PSK", "RU-MOW", "RU-SPE"};
inline constexpr std::string_view kHighExposureDistrict = "Far Eastern";
inline constexpr std::array<std::string_view, 2> kNationalCentres = {"RU-MOW", "RU-SPE"};

}  // namespace detail

model::Country load_russia_regions(const std::filesystem::path& data_dir,
                                   std::span<const std::string> include_edge_kinds) {
  model::Country country;
  for (const auto& d : detail::kDistricts) country.district_names.emplace_back(d.name);

  const CsvTable regions = read_csv_file(data_dir / kRegionsFile);
  const std::size_t code_column = regions.column("iso_3166_2");
  const std::size_t name_column = regions.column("name_en");
  const std::size_t district_column = regions.column("federal_district_2000s");
  std::unordered_map<std::string, std::uint32_t> index_of_code;
  for (std::size_t r = 0; r < regions.rows.size(); ++r) {
    const auto& row = regions.rows[r];
    const Mark mark{regions.row_lines[r], 1};
    const std::string& code = row[code_column];
    if (!index_of_code.emplace(code, static_cast<std::uint32_t>(r)).second) {
      throw ScenarioError(regions.file, mark, "duplicate region code `" + code + "`");
    }
    auto district = std::find_if(detail::kDistricts.begin(), detail::kDistricts.end(),
                                 [&](const auto& d) { return d.name == row[district_column]; });
    if (district == detail::kDistricts.end()) {
      throw ScenarioError(regions.file, mark,
                          unknown_name_message("federal district", row[district_column],
                                               country.district_names, "districts"));
    }
    const auto district_index = static_cast<std::uint32_t>(district - detail::kDistricts.begin());
    country.codes.push_back(code);
    country.names.push_back(row[name_column]);
    country.district.push_back(district_index);
    const bool high =
        district->name == detail::kHighExposureDistrict ||
        std::find(detail::kHighExposureCodes.begin(), detail::kHighExposureCodes.end(), code) !=
            detail::kHighExposureCodes.end();
    country.high_exposure.push_back(high ? 1 : 0);
    country.size.push_back(1.0);
  }

  auto must_find = [&](std::string_view code) {
    auto it = index_of_code.find(std::string(code));
    if (it == index_of_code.end()) {
      throw ScenarioError(regions.file, {},
                          "region `" + std::string(code) + "` is missing from the region table");
    }
    return it->second;
  };
  for (const auto& d : detail::kDistricts) country.district_centre.push_back(must_find(d.centre));
  for (auto code : detail::kNationalCentres) country.national_centres.push_back(must_find(code));

  const CsvTable adjacency = read_csv_file(data_dir / kAdjacencyFile);
  const std::size_t a_column = adjacency.column("iso_a");
  const std::size_t b_column = adjacency.column("iso_b");
  const std::size_t kind_column = adjacency.column("kind");
  std::unordered_set<std::uint64_t> seen;
  for (std::size_t e = 0; e < adjacency.rows.size(); ++e) {
    const auto& row = adjacency.rows[e];
    const Mark mark{adjacency.row_lines[e], 1};
    const std::string& kind = row[kind_column];
    if (kind != "land") {
      const bool optional = std::find(kOptionalEdgeKinds.begin(), kOptionalEdgeKinds.end(), kind) !=
                            kOptionalEdgeKinds.end();
      if (!optional) {
        throw ScenarioError(
            adjacency.file, mark,
            "unknown edge kind `" + kind + "`; expected land, land_from_2012 or doubtful");
      }
      if (std::find(include_edge_kinds.begin(), include_edge_kinds.end(), kind) ==
          include_edge_kinds.end()) {
        continue;
      }
    }
    std::array<std::uint32_t, 2> ends{};
    for (int side = 0; side < 2; ++side) {
      const std::string& code = row[side == 0 ? a_column : b_column];
      auto it = index_of_code.find(code);
      if (it == index_of_code.end()) {
        throw ScenarioError(
            adjacency.file, mark,
            "edge names region `" + code + "`, which is not in " + std::string(kRegionsFile));
      }
      ends[static_cast<std::size_t>(side)] = it->second;
    }
    if (ends[0] == ends[1]) {
      throw ScenarioError(adjacency.file, mark, "an edge from a region to itself");
    }
    const auto low = std::min(ends[0], ends[1]), high = std::max(ends[0], ends[1]);
    if (!seen.insert((std::uint64_t{low} << 32) | high).second) {
      throw ScenarioError(adjacency.file, mark,
                          "duplicate edge " + row[a_column] + "-" + row[b_column]);
    }
    country.land_edges.push_back({low, high});
  }
  return country;
}

std::vector<std::vector<std::string>> load_region_names(const std::filesystem::path& data_dir) {
  const CsvTable regions = read_csv_file(data_dir / kRegionsFile);
  std::vector<std::size_t> name_columns;
  for (std::size_t c = 0; c < regions.header.size(); ++c) {
    if (regions.header[c].starts_with("name_")) name_columns.push_back(c);
  }
  std::vector<std::vector<std::string>> names(regions.rows.size());
  for (std::size_t r = 0; r < regions.rows.size(); ++r) {
    for (std::size_t c : name_columns) {
      if (!regions.rows[r][c].empty()) names[r].push_back(regions.rows[r][c]);
    }
  }
  return names;
}

}  // namespace policysim::scenario
