#include "sim/scenario/region_directory.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>
#include <vector>

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

/// A region name folded for matching: ASCII letters and digits in lower case, Cyrillic capitals
/// lowered, everything else of ASCII (spaces, hyphens, dots) dropped, other UTF-8 kept as is. So
/// "Murmansk" matches "murmansk" and "МУРМАНСК" matches "Мурманск".
std::string folded_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x80) {
      if (std::isalnum(byte)) out += static_cast<char>(std::tolower(byte));
      continue;
    }
    const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
    if (byte == 0xD0 && next >= 0x90 && next <= 0x9F) {  // А..П -> а..п
      out += static_cast<char>(0xD0);
      out += static_cast<char>(next + 0x20);
      ++i;
    } else if (byte == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // Р..Я -> р..я
      out += static_cast<char>(0xD1);
      out += static_cast<char>(next - 0x20);
      ++i;
    } else if (byte == 0xD0 && next == 0x81) {  // Ё -> ё
      out += static_cast<char>(0xD1);
      out += static_cast<char>(0x91);
      ++i;
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

}  // namespace

void RegionDirectory::set_region_names(std::vector<std::vector<std::string>> names) {
  region_names_ = std::move(names);
}

std::vector<std::uint32_t> RegionDirectory::regions_named(std::string_view text) const {
  const std::string wanted = folded_name(text);
  std::vector<std::uint32_t> exact, starting;
  if (wanted.size() < 3) return exact;
  for (std::size_t r = 0; r < region_names_.size() && r < codes_.size(); ++r) {
    const auto region = static_cast<std::uint32_t>(r);
    for (const auto& name : region_names_[r]) {
      const std::string candidate = folded_name(name);
      if (candidate == wanted) {
        exact.push_back(region);
        break;
      }
      if (candidate.starts_with(wanted)) {
        starting.push_back(region);
        break;
      }
    }
  }
  return exact.empty() ? starting : exact;
}

RegionDirectory RegionDirectory::from_country(const model::Country& country) {
  RegionDirectory directory;
  directory.region_count_ = country.region_count();
  directory.codes_ = country.codes;
  for (std::size_t r = 0; r < country.codes.size(); ++r) {
    directory.index_of_code_.emplace(country.codes[r], static_cast<std::uint32_t>(r));
  }
  directory.district_names_ = country.district_names;
  directory.region_district_ = country.district;
  for (const auto& name : country.names) directory.region_names_.push_back({name});
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
  // At most a few: "Moscow" names one region, a word shared by many names is no help.
  constexpr std::size_t kMostNamed = 4;
  if (const auto named = regions_named(code); !named.empty() && named.size() <= kMostNamed) {
    text += "; `" + std::string(code) + "` names ";
    for (std::size_t i = 0; i < named.size(); ++i) {
      if (i > 0) text += ", ";
      text += codes_[named[i]] + " (" + region_names_[named[i]].front() + ")";
    }
    text += named.size() == 1 ? ": write its code `" + codes_[named[0]] + "`"
                              : ": write the code of the one meant";
  } else if (auto best = closest_name(code, codes_)) {
    text += "; the nearest code is `" + *best + "`";
  }
  return text + "; codes are ISO 3166-2 as in russia_regions_83.csv (e.g. RU-MOW, RU-SPE)";
}

std::optional<std::vector<std::uint32_t>> RegionDirectory::regions_of_district(
    std::uint32_t district) const {
  if (synthetic_) return std::nullopt;
  std::vector<std::uint32_t> regions;
  for (std::size_t r = 0; r < region_district_.size(); ++r) {
    if (region_district_[r] == district) regions.push_back(static_cast<std::uint32_t>(r));
  }
  return regions;
}

std::string RegionDirectory::unknown_district_message(std::string_view name) const {
  std::string text = unknown_name_message("district", name, district_names_, "districts");
  if (synthetic_) return text;
  // "Far Eastern, Northwestern" or "Far East and North-West" meant several districts: say how to
  // list the ones named. A district is named by the first five letters of its folded name, so
  // that "Far East" and "North-West" count (no two districts share them).
  constexpr std::size_t kNamingLetters = 5;
  const std::string wanted = folded(name);
  std::vector<std::pair<std::size_t, std::string>> named;  // where in `name`, and the district
  for (const auto& district : district_names_) {
    const auto at = wanted.find(folded(district).substr(0, kNamingLetters));
    if (at != std::string::npos) named.emplace_back(at, district);
  }
  std::sort(named.begin(), named.end());  // in the order written
  if (named.size() >= 2) {
    text += "; to target several districts, list them: {district: [";
    for (std::size_t i = 0; i < named.size(); ++i) text += (i > 0 ? ", " : "") + named[i].second;
    text += "]}";
  } else if (name.find(',') != std::string_view::npos) {
    text += "; to target several districts, list them: {district: [Far Eastern, Northwestern]}";
  }
  return text;
}

}  // namespace policysim::scenario::detail
