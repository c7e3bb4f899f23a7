// Building the static world from the configuration and the country, once per Simulation.

#include "sim/model/static_world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/hashing.hpp"
#include "sim/model/agent_counts.hpp"

namespace policysim::model {
namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

// Compressed rows from per-row lists built by push_back.
void to_csr(const std::vector<std::vector<std::uint32_t>>& rows,
            std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& entries) {
  offsets.assign(rows.size() + 1, 0);
  entries.clear();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    entries.insert(entries.end(), rows[i].begin(), rows[i].end());
    offsets[i + 1] = static_cast<std::uint32_t>(entries.size());
  }
}

// The random-number key of an intervention: a hash of its name (FNV-1a), not its position, so that
// an arm adding, removing or reordering interventions leaves the draws of the others unchanged
// (common random numbers, docs/compare.md). Names are unique within a scenario; in the unlikely
// case that two hash alike, the later one takes the next free key.
std::uint32_t intervention_draw_key(const std::string& name,
                                    const std::vector<std::uint32_t>& taken) {
  std::uint32_t key = core::fnv1a_32(name);
  while (std::find(taken.begin(), taken.end(), key) != taken.end()) ++key;
  return key;
}

// Each block of kDistrictSumBlock regions lists the districts it holds in the order they first
// appear, and each region its district's place in that list.
void list_districts_by_block(StaticWorld& w) {
  constexpr std::uint32_t kNotListed = UINT32_MAX;
  std::vector<std::uint32_t> place(w.district_count, kNotListed);  // in the current block's list
  w.block_district_offsets.assign(1, 0);
  w.block_district_place.resize(w.region_count);
  for (std::size_t begin = 0; begin < w.region_count; begin += kDistrictSumBlock) {
    const std::size_t end = std::min(w.region_count, begin + kDistrictSumBlock);
    const std::size_t first = w.block_districts.size();
    for (std::size_t r = begin; r < end; ++r) {
      const std::uint32_t d = w.district[r];
      if (place[d] == kNotListed) {
        place[d] = static_cast<std::uint32_t>(w.block_districts.size() - first);
        w.block_districts.push_back(d);
      }
      w.block_district_place[r] = static_cast<std::uint16_t>(place[d]);
    }
    for (std::size_t e = first; e < w.block_districts.size(); ++e) {
      place[w.block_districts[e]] = kNotListed;
    }
    w.block_district_offsets.push_back(static_cast<std::uint32_t>(w.block_districts.size()));
  }
}

}  // namespace

StaticWorld build_static_world(const Config& config, const Country& country) {
  const Params& p = config.params;
  StaticWorld w;
  const std::size_t n = country.region_count();
  require(n > 0, "the country has no regions");
  require(country.district.size() == n, "country: one district per region is required");
  require(country.high_exposure.empty() || country.high_exposure.size() == n,
          "country: high_exposure must have one entry per region");
  require(country.size.empty() || country.size.size() == n,
          "country: size must have one entry per region");
  require(config.tick_count() > 0, "the run must have at least one quarter");
  w.region_count = n;
  w.tick_count = static_cast<std::size_t>(config.tick_count());

  // Districts.
  std::uint32_t district_count = static_cast<std::uint32_t>(country.district_names.size());
  for (std::uint32_t d : country.district) district_count = std::max(district_count, d + 1);
  w.district_count = district_count;
  w.district = country.district;
  w.district_region_count.assign(district_count, 0);
  for (std::uint32_t d : country.district) ++w.district_region_count[d];
  list_districts_by_block(w);

  // Land adjacency, row-normalised; regions without land neighbours keep an empty row.
  std::vector<core::UndirectedEdge> edges;
  edges.reserve(country.land_edges.size());
  for (const auto& edge : country.land_edges) {
    require(edge.a < n && edge.b < n, "country: a land edge names a region that does not exist");
    if (edge.a != edge.b) edges.push_back({edge.a, edge.b});  // a region is not its own neighbour
  }
  try {
    w.geo = core::Adjacency::from_undirected_edges(n, edges);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("country: land ") + error.what());
  }

  w.exposure.resize(n);
  w.size.assign(n, 1.0);
  for (std::size_t r = 0; r < n; ++r) {
    const bool high = !country.high_exposure.empty() && country.high_exposure[r] != 0;
    w.exposure[r] = high ? p.exposure_high : p.exposure_low;
    if (!country.size.empty()) w.size[r] = country.size[r];
    require(w.size[r] >= 0.0 && std::isfinite(w.size[r]), "country: sizes must be >= 0");
  }

  // Emulation references: the national centres, then the district centre (rule 5). Each centre
  // has a slot; a district centre that is also a national centre is not listed twice.
  std::vector<std::uint32_t> slot(n, kNoReference);
  auto slot_of = [&w, &slot](std::uint32_t region) {
    if (slot[region] == kNoReference) {
      slot[region] = static_cast<std::uint32_t>(w.reference_regions.size());
      w.reference_regions.push_back(region);
    }
    return slot[region];
  };
  auto is_national = [&w](std::uint32_t s) {
    return std::find(w.national_reference_slots.begin(), w.national_reference_slots.end(), s) !=
           w.national_reference_slots.end();
  };
  for (std::uint32_t centre : country.national_centres) {
    if (centre >= n) continue;
    const std::uint32_t s = slot_of(centre);
    if (!is_national(s)) w.national_reference_slots.push_back(s);
  }
  w.district_reference_slot.assign(district_count, kNoReference);
  for (std::size_t d = 0; d < country.district_centre.size() && d < district_count; ++d) {
    const std::uint32_t centre = country.district_centre[d];
    if (centre >= n) continue;
    const std::uint32_t s = slot_of(centre);
    if (!is_national(s)) w.district_reference_slot[d] = s;
  }

  // NGOs: 1 + round(2 x[r]) per region by default, then the named ones.
  if (config.default_ngos) {
    for (std::size_t r = 0; r < n; ++r) {
      w.ngo_region.insert(w.ngo_region.end(), default_ngo_count(p, w.exposure[r]),
                          static_cast<std::uint32_t>(r));
    }
  }
  w.default_ngo_count = w.ngo_region.size();
  for (const NamedNgo& ngo : config.named_ngos) {
    require(ngo.region < n, "named NGO " + ngo.name + " is in a region that does not exist");
    w.ngo_region.push_back(ngo.region);
  }
  w.ngo_count = w.ngo_region.size();
  w.region_code_offsets.assign(n + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    if (r < country.codes.size()) w.region_codes += country.codes[r];
    w.region_code_offsets[r + 1] = static_cast<std::uint32_t>(w.region_codes.size());
  }
  std::vector<std::vector<std::uint32_t>> region_ngos(n);
  for (std::size_t i = 0; i < w.ngo_count; ++i) {
    region_ngos[w.ngo_region[i]].push_back(static_cast<std::uint32_t>(i));
  }
  to_csr(region_ngos, w.region_ngo_offsets, w.region_ngos);

  // Interventions: windows in ticks and the targets that do not depend on the seed.
  std::vector<std::vector<std::uint32_t>> targets(config.interventions.size());
  for (std::size_t i = 0; i < config.interventions.size(); ++i) {
    const Intervention& iv = config.interventions[i];
    require(iv.donor < config.donors.size(),
            "intervention " + iv.name + " names a donor that does not exist");
    w.intervention_start.push_back(iv.start - config.start);
    w.intervention_end.push_back(iv.end - config.start);
    w.intervention_random.push_back(iv.targets.kind == TargetedRegions::Kind::random ? 1 : 0);
    w.intervention_draw_key.push_back(intervention_draw_key(iv.name, w.intervention_draw_key));
    w.intervention_builds_ties.push_back(builds_ties(iv.instrument) ? 1 : 0);
    w.intervention_visibility.push_back(iv.visibility ? *iv.visibility
                                                      : p.visibility[index(iv.instrument)]);
    auto& list = targets[i];
    switch (iv.targets.kind) {
      case TargetedRegions::Kind::regions:
        for (std::uint32_t r : iv.targets.regions) {
          require(r < n, "intervention " + iv.name + " targets a region that does not exist");
          list.push_back(r);
        }
        break;
      case TargetedRegions::Kind::district:
        for (std::size_t r = 0; r < n; ++r) {
          if (country.district[r] == iv.targets.district)
            list.push_back(static_cast<std::uint32_t>(r));
        }
        break;
      case TargetedRegions::Kind::all:
        for (std::size_t r = 0; r < n; ++r) list.push_back(static_cast<std::uint32_t>(r));
        break;
      case TargetedRegions::Kind::most_exposed: {
        // Most exposed first; ties keep the regions' order, so the choice is reproducible.
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
          return w.exposure[a] > w.exposure[b];
        });
        order.resize(std::min<std::size_t>(iv.targets.count, n));
        list = order;
        break;
      }
      case TargetedRegions::Kind::random:
        break;  // drawn per run
    }
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  to_csr(targets, w.target_offsets, w.targets);

  for (const Donor& donor : config.donors) {
    w.donor_last_tick.push_back(donor.horizon ? *donor.horizon - config.start : INT_MAX);
  }

  w.forced_tick.fill(INT_MAX);
  w.forced.fill(false);
  for (const ForcedEvent& event : config.forced_events) {
    const auto kind = static_cast<std::size_t>(event.kind);
    w.forced[kind] = true;
    w.forced_tick[kind] = std::min(w.forced_tick[kind], event.when - config.start);
  }

  auto per_tick = [&](const Series& series) {
    std::vector<double> values(w.tick_count, 0.0);
    for (std::size_t t = 0; t < w.tick_count && t < series.size(); ++t) values[t] = series[t];
    return values;
  };
  w.tip = per_tick(config.tip);
  w.elections = per_tick(config.elections);
  w.un = per_tick(config.un);
  return w;
}

std::string ngo_name(const StaticWorld& fixed, const Config& config, std::size_t i) {
  if (i >= fixed.default_ngo_count) return config.named_ngos[i - fixed.default_ngo_count].name;
  // A region's defaults are consecutive and come first in its NGO list.
  const std::uint32_t r = fixed.ngo_region[i];
  const std::size_t number = i - fixed.region_ngos[fixed.region_ngo_offsets[r]] + 1;
  const std::string_view code =
      std::string_view(fixed.region_codes)
          .substr(fixed.region_code_offsets[r],
                  fixed.region_code_offsets[r + 1] - fixed.region_code_offsets[r]);
  std::string name = "ngo-";
  name += code;
  name += '-';
  name += std::to_string(number);
  return name;
}

}  // namespace policysim::model
