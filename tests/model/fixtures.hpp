#pragma once
// Small countries and configurations built by hand, so that the model's tests do not depend on
// the scenario loader.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "sim/model/config.hpp"

namespace policysim::model::testing {

/// A ring of `n` regions in two districts (first half, second half); region 0 is the national
/// centre and each district's first region its centre; regions 0 and 1 are highly exposed.
/// With `isolated_last`, the last region has no land edges (as Kaliningrad or Sakhalin).
inline Country ring_country(std::uint32_t n = 6, bool isolated_last = false) {
  Country country;
  for (std::uint32_t r = 0; r < n; ++r) {
    // Appending (not "T" + string) sidesteps a GCC 12 -Wrestrict false positive.
    std::string code = "T", name = "Region ";
    code += std::to_string(r);
    name += std::to_string(r);
    country.codes.push_back(code);
    country.names.push_back(name);
    country.district.push_back(r < n / 2 ? 0 : 1);
    country.high_exposure.push_back(r < 2 ? 1 : 0);
    country.size.push_back(1.0);
  }
  country.district_names = {"West", "East"};
  country.district_centre = {0, n / 2};
  country.national_centres = {0};
  const std::uint32_t ring = isolated_last ? n - 1 : n;
  for (std::uint32_t r = 0; r + 1 < ring; ++r) country.land_edges.push_back({r, r + 1});
  if (ring > 2) country.land_edges.push_back({ring - 1, 0});
  return country;
}

/// A baseline-like configuration on `country`: foreign and domestic donors with trainings, a
/// task-force tour, a legislation push, conferences, grants and exchanges, and a TIP series.
inline Config busy_config(const Country& country, core::Quarter start = {1997, 1},
                          core::Quarter end = {2012, 4}) {
  Config config;
  config.start = start;
  config.end = end;
  const auto n = static_cast<std::uint32_t>(country.region_count());
  config.donors = {
      {"US government", 1.0, 0.0, true, Frame::prosecution, core::Quarter{2009, 4}},
      {"Nordic Council", 0.6, 0.2, true, Frame::protection, std::nullopt},
      {"Ministry of Labour", 0.3, 0.5, false, Frame::balanced, std::nullopt},
  };
  auto add = [&](std::string name, std::uint32_t donor, Instrument instrument, core::Quarter from,
                 core::Quarter to, TargetedRegions targets, double intensity = 1.0) {
    Intervention iv;
    iv.name = std::move(name);
    iv.donor = donor;
    iv.instrument = instrument;
    iv.start = from;
    iv.end = to;
    iv.targets = std::move(targets);
    iv.intensity = intensity;
    config.interventions.push_back(iv);
  };
  TargetedRegions all;
  TargetedRegions west{TargetedRegions::Kind::district, {}, 0, 0};
  TargetedRegions two_random{TargetedRegions::Kind::random, {}, 0, 2};
  TargetedRegions exposed{TargetedRegions::Kind::most_exposed, {}, 0, 3};
  TargetedRegions toured{TargetedRegions::Kind::regions, {1, n - 1}, 0, 0};
  add("domestic training", 2, Instrument::training, {1999, 1}, {2003, 4}, all, 0.5);
  add("US training", 0, Instrument::training, {2000, 1}, {2006, 4}, exposed);
  add("judicial training", 0, Instrument::judicial_training, {2001, 1}, {2007, 4}, exposed);
  add("task force tour", 0, Instrument::task_force_tour, {2003, 1}, {2007, 4}, toured);
  add("legislation push", 0, Instrument::legislation_push, {2001, 1}, {2003, 4}, all, 0.8);
  add("Murmansk conference", 1, Instrument::conference, {2004, 1}, {2006, 4}, west);
  add("national assembly", 0, Instrument::national_assembly, {2002, 1}, {2002, 4}, all);
  add("US grants", 0, Instrument::ngo_grant, {1999, 1}, {2005, 4}, all);
  add("Russian grants", 2, Instrument::ngo_grant, {2003, 1}, {2010, 4}, west, 0.5);
  add("Nordic exchange", 1, Instrument::exchange, {2002, 1}, {2009, 4}, two_random);
  const int ticks = config.tick_count();
  config.tip.assign(static_cast<std::size_t>(ticks), 0.0);
  config.elections.assign(static_cast<std::size_t>(ticks), 0.0);
  config.un.assign(static_cast<std::size_t>(ticks), 0.0);
  for (int t = 0; t < ticks; ++t) {
    const core::Quarter q = start + t;
    const auto i = static_cast<std::size_t>(t);
    if (q.year() >= 2001) config.tip[i] = q.year() <= 2002 ? 1.0 : (q.year() <= 2007 ? 0.6 : 0.3);
    if (q.year() == 2003 || q.year() == 2007 || q.year() == 2011) config.elections[i] = 1.0;
    if (q >= core::Quarter{2000, 4}) config.un[i] = 1.0;
  }
  config.named_ngos.push_back({"Syostri", 0, 0.4, 0.3, 0.6, 0.2});
  config.initial_adopters.push_back({n - 1, {0.2, 0.1, 0.6, 0.0}});
  return config;
}

/// Byte-for-byte equality of two vectors of trivially copyable values.
template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

}  // namespace policysim::model::testing
