#pragma once
// Region codes and district names a scenario may refer to, known before the full country is
// built: read from the region table, or computed for a synthetic country of any size.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/model/config.hpp"

namespace policysim::scenario::detail {

/// Looks up region codes and district names, with suggestions for near misses.
class RegionDirectory {
 public:
  /// The codes and districts of a loaded country.
  static RegionDirectory from_country(const model::Country& country);
  /// A synthetic country's codes (S0000000 ...) and districts (D0 ...), without generating it.
  static RegionDirectory synthetic(std::size_t regions, std::size_t districts);

  /// Gives each region's names (by region index, any language), so that a name written where a
  /// code belongs gets the code suggested.
  void set_region_names(std::vector<std::vector<std::string>> names);

  std::size_t region_count() const { return region_count_; }
  /// The index of `code`, or nothing.
  std::optional<std::uint32_t> find_region(std::string_view code) const;
  /// The index of district `name`; case, spaces and hyphens are ignored ("North-western").
  std::optional<std::uint32_t> find_district(std::string_view name) const;
  /// "unknown region code `X`; the nearest code is `Y`; ..." for an error message; a region's name
  /// ("Murmansk", "Мурманск") gets the code of the regions it names.
  std::string unknown_region_message(std::string_view code) const;
  /// The regions of district `district`, in index order; nothing for a synthetic country, whose
  /// districts are known only once it is generated.
  std::optional<std::vector<std::uint32_t>> regions_of_district(std::uint32_t district) const;
  /// "unknown district `X`; ... valid districts: ..." for an error message.
  std::string unknown_district_message(std::string_view name) const;

 private:
  /// Regions one of whose names folds to `text`, or else starts with it (three letters at least).
  std::vector<std::uint32_t> regions_named(std::string_view text) const;

  std::size_t region_count_ = 0;
  bool synthetic_ = false;
  std::vector<std::string> codes_;  // empty when synthetic
  std::unordered_map<std::string, std::uint32_t> index_of_code_;
  std::vector<std::string> district_names_;
  std::vector<std::uint32_t> region_district_;          // empty when synthetic
  std::vector<std::vector<std::string>> region_names_;  // by region index; may be empty
};

}  // namespace policysim::scenario::detail
