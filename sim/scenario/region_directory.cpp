#include "sim/scenario/region_directory.hpp"

#include <cctype>
#include <charconv>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/synthetic_country.hpp"

namespace policysim::scenario::detail {
namespace {

std::string folded(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

RegionDirectory RegionDirectory::from_country(const model::Country& country) {
  RegionDirectory directory;
  directory.region_count_ = country.region_count();
  directory.codes_ = country.codes;
  for (std::size_t r = 0; r < country.codes.size(); ++r) {
    directory.index_of_code_.emplace(country.codes[r], static_cast<std::uint32_t>(r));
  }
  directory.district_names_ = country.district_names;
  return directory;
}

RegionDirectory RegionDirectory::synthetic(std::size_t regions, std::size_t districts) {
  RegionDirectory directory;
  directory.region_count_ = regions;
  directory.synthetic_ = true;
  for (std::size_t d = 0; d < districts; ++d) {
    directory.district_names_.push_back(synthetic_district_name(d));
  }
  return directory;
}

std::optional<std::uint32_t> RegionDirectory::find_region(std::string_view code) const {
  if (!synthetic_) {
    auto it = index_of_code_.find(std::string(code));
    if (it == index_of_code_.end()) return std::nullopt;
    return it->second;
  }
  // Synthetic codes are computed, so a million-region country needs no table to check them.
  if (code.size() < 2 || code.front() != 'S') return std::nullopt;
  std::size_t index = 0;
  auto [end, error] = std::from_chars(code.data() + 1, code.data() + code.size(), index);
  if (error != std::errc{} || end != code.data() + code.size() || index >= region_count_) {
    return std::nullopt;
  }
  if (synthetic_region_code(index, region_count_) != code) return std::nullopt;
  return static_cast<std::uint32_t>(index);
}

std::optional<std::uint32_t> RegionDirectory::find_district(std::string_view name) const {
  const std::string wanted = folded(name);
  for (std::size_t d = 0; d < district_names_.size(); ++d) {
    if (folded(district_names_[d]) == wanted) return static_cast<std::uint32_t>(d);
  }
  return std::nullopt;
}

std::string RegionDirectory::unknown_region_message(std::string_view code) const {
  if (synthetic_) {
    return "unknown region code `" + std::string(code) + "`; this synthetic country has codes " +
           synthetic_region_code(0, region_count_) + " to " +
           synthetic_region_code(region_count_ - 1, region_count_);
  }
  std::string text = "unknown region code `" + std::string(code) + "`";
  if (auto best = closest_name(code, codes_)) {
    text += "; the nearest code is `" + *best + "`";
  }
  return text + "; codes are ISO 3166-2 as in russia_regions_83.csv (e.g. RU-MOW, RU-SPE)";
}

std::string RegionDirectory::unknown_district_message(std::string_view name) const {
  return unknown_name_message("district", name, district_names_, "districts");
}

}  // namespace policysim::scenario::detail
