// Building the world: the seed-independent part once per Simulation, the per-run draws and the
// initial state (MODEL.md §3, §4) on every reset.

#include "sim/model/world.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/core/elementary.hpp"
#include "sim/core/hashing.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/purpose.hpp"
#include "sim/model/rules.hpp"

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
    const long base = std::lround(p.ngo_count_base);
    for (std::size_t r = 0; r < n; ++r) {
      const long count = std::max(0L, base + std::lround(p.ngo_count_per_exposure * w.exposure[r]));
      w.ngo_region.insert(w.ngo_region.end(), static_cast<std::size_t>(count),
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
    w.intervention_random.push_back(iv.targets.kind == Targets::Kind::random ? 1 : 0);
    w.intervention_draw_key.push_back(intervention_draw_key(iv.name, w.intervention_draw_key));
    w.intervention_builds_ties.push_back(builds_ties(iv.instrument) ? 1 : 0);
    w.intervention_visibility.push_back(iv.visibility ? *iv.visibility
                                                      : p.visibility[index(iv.instrument)]);
    auto& list = targets[i];
    switch (iv.targets.kind) {
      case Targets::Kind::regions:
        for (std::uint32_t r : iv.targets.regions) {
          require(r < n, "intervention " + iv.name + " targets a region that does not exist");
          list.push_back(r);
        }
        break;
      case Targets::Kind::district:
        for (std::size_t r = 0; r < n; ++r) {
          if (country.district[r] == iv.targets.district)
            list.push_back(static_cast<std::uint32_t>(r));
        }
        break;
      case Targets::Kind::all:
        for (std::size_t r = 0; r < n; ++r) list.push_back(static_cast<std::uint32_t>(r));
        break;
      case Targets::Kind::most_exposed: {
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
      case Targets::Kind::random:
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

void name_event(const World& w, const EventNote& note, Event& event) {
  event.tick = note.tick;
  event.kind = name(note.kind);
  event.region = -1;
  switch (note.kind) {
    case EventKind::donor_cut:
    case EventKind::donor_exit:
      event.detail = w.config.donors[note.subject].name;
      break;
    case EventKind::ngo_closed:
      event.region = w.fixed.ngo_region[note.subject];
      event.detail = ngo_name(w.fixed, w.config, note.subject);
      break;
    default:  // federal events: which unit, and whether forced or by their rule
      event.detail = note.kind == EventKind::special_unit_created   ? "special "
                     : note.kind == EventKind::federal_unit_created ? "federal "
                                                                    : "";
      event.detail += note.forced ? "forced" : "rule";
      break;
  }
}

void TickScratch::start_adding(std::uint32_t intervention) {
  adding_ = intervention;
  std::fill(child_entry_.begin(), child_entry_.end(), 0U);
}

RegionIntensity* TickScratch::add_to(std::uint32_t r) {
  std::uint32_t& entry = intensity_entry[r];
  const std::uint32_t parent = entry;
  if (child_entry_[parent] != 0) {
    entry = child_entry_[parent];
    return nullptr;
  }
  entry = static_cast<std::uint32_t>(intensity_entries.size());
  child_entry_[parent] = entry;
  child_entry_.push_back(0);
  intensity_origin.push_back({parent, adding_});
  const RegionIntensity sums = intensity_entries[parent];
  intensity_entries.push_back(sums);
  return &intensity_entries.back();
}

void TickScratch::clear_regional_intensities() {
  if (intensity_entries.size() > 1) std::fill(intensity_entry.begin(), intensity_entry.end(), 0U);
  intensity_entries.resize(1);
  intensity_origin.resize(1);
  child_entry_.resize(1);
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

World::World(const Config& config_, const StaticWorld& fixed_)
    : config(config_),
      params(config_.params),
      mechanisms(config_.mechanisms),
      fixed(fixed_),
      rng(0, kModelStream) {}

void World::swap_buffers() {
  nation = nation_next;  // regions, NGOs and the emulation memory are updated in place
}

void World::reset(std::uint64_t seed) {
  const Params& p = params;
  const std::size_t n = fixed.region_count;
  rng = core::RandomStream(seed, kModelStream);

  // Per-run draws (MODEL.md §3, §5 rules 3 and 6, §5 rule 10 event clocks).
  // Thresholds theta are drawn only in the threshold modes, which alone use them; every draw
  // has its own coordinates, so skipping them moves no other draw.
  const bool thresholds = config.adoption_mode != AdoptionMode::hazard;
  eta.resize(n);
  theta.resize(thresholds ? n : 0);
  risk_aversion.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const auto agent = static_cast<std::uint32_t>(r);
    auto eta_draws = rng.sequence(0, agent, word(Purpose::eta_init));
    eta[r] = std::clamp(eta_draws.normal(p.eta_mean, p.eta_sd), 0.01, 0.99);
    if (thresholds) {
      auto theta_draws = rng.sequence(0, agent, word(Purpose::theta_init));
      double value = theta_draws.normal(p.theta_mean, p.theta_sd);
      // Redrawn until in [0,1]; the bound only guards against a degenerate distribution.
      for (int attempt = 0; attempt < 1000 && (value < 0.0 || value > 1.0); ++attempt) {
        value = theta_draws.normal(p.theta_mean, p.theta_sd);
      }
      theta[r] = rules::clip01(value);
    }
    risk_aversion[r] = rng.uniform(0, agent, word(Purpose::risk_aversion));
  }
  const std::array<double, kFederalEventCount> shapes = {p.k_ev_law, p.k_ev_unit, p.k_ev_unit,
                                                         p.k_ev_restrictive, p.k_ev_restrictive};
  for (std::size_t e = 0; e < kFederalEventCount; ++e) {
    auto draws = rng.sequence(0, static_cast<std::uint32_t>(e), word(Purpose::event_clock));
    event_threshold[e] = draws.gamma(shapes[e], 1.0 / shapes[e]);
  }
  draw_targets();
  draw_tie_pattern();
  emulation_memory_keep = core::exp2(-1.0 / p.emulation_half_life_ticks);
  case_mean_keep = core::exp2(-1.0 / p.case_half_life_ticks);

  // Scratch, sized once; later runs reuse the capacity.
  scratch.intervention_intensity.assign(config.interventions.size(), 0.0);
  scratch.intensity_entry.assign(n, 0);
  scratch.intensity_entries.assign(1, RegionIntensity{});
  scratch.intensity_origin.assign(1, IntensityOrigin{});
  scratch.clear_regional_intensities();
  scratch.peer.assign(n, PeerRecord{});
  scratch.district_learning_sum.assign(fixed.district_count * kReformCount, 0.0);
  scratch.district_adopter_count.assign(fixed.district_count * kReformCount, 0.0);
  scratch.block_district_sums.assign(fixed.block_districts.size() * 2 * kReformCount, 0.0);
  scratch.district_emulation.assign(fixed.district_count, PerReform{});
  scratch.ngo_alive_count.assign(n, 0);
  scratch.ngo_closed.assign(fixed.ngo_count, 0);
  scratch.tie_gain.assign(tie_weight.size(), 0.0);
  if (n <= kSortedQuantileRegions) {
    if (scratch.resistance_order.size() != n) {  // any order will do; the last run's is kept
      scratch.resistance_order.resize(n);
      std::iota(scratch.resistance_order.begin(), scratch.resistance_order.end(), 0U);
    }
  } else {
    scratch.resistance_order.clear();
  }
  ever_toured.assign(n, 0);
  events.clear();

  // Initial state (MODEL.md §3).
  regions.resize(n);
  emulation_memory.assign(fixed.reference_regions.size() * kReformCount, 0.0);
  for (const InitialAdopter& adopter : config.initial_adopters) {
    if (adopter.region >= n) throw std::invalid_argument("an initial adopter does not exist");
    for (std::size_t k = 0; k < kReformCount; ++k) {
      regions.implementation[k * n + adopter.region] = rules::clip01(adopter.level[k]);
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    regions.resistance[r] = eta[r];
    regions.support[r] = rules::support_equilibrium(p, fixed.exposure[r], 0.0, eta[r]);
  }
  // NGOs start from the defaults' parameters or their configured values, clipped to range.
  ngos.resize(fixed.ngo_count);
  for (std::size_t i = 0; i < fixed.ngo_count; ++i) {
    const bool named = i >= fixed.default_ngo_count;
    const NamedNgo* ngo = named ? &config.named_ngos[i - fixed.default_ngo_count] : nullptr;
    ngos.resources[i] = std::max(0.0, named ? ngo->resources : p.ngo_R0);
    ngos.foreign_share[i] = rules::clip01(named ? ngo->foreign_share : p.ngo_f0);
    ngos.legitimacy[i] = rules::clip01(named ? ngo->legitimacy : p.ngo_g0);
    ngos.tie[i] = rules::clip01(named ? ngo->tie : p.ngo_tie0);
  }

  nation = NationState{};
  nation.stance = p.P0;
  donors.budget.assign(config.donors.size(), 1.0);
  donors.foreignness.resize(config.donors.size());
  donors.cut_for_resistance.assign(config.donors.size(), 0);
  donors.exited.assign(config.donors.size(), 0);
  for (std::size_t j = 0; j < config.donors.size(); ++j) {
    donors.foreignness[j] = rules::clip01(config.donors[j].foreignness);
    if (fixed.donor_last_tick[j] < 0) {
      donors.budget[j] = 0.0;
      donors.exited[j] = 1;
    }
  }
  // Events forced at a date before the start are in force from the start.
  nation_next = nation;
  apply_forced_events_before_start(*this);
  nation = nation_next;
}

void World::draw_targets() {
  const std::size_t n = fixed.region_count;
  const std::size_t count = config.interventions.size();
  target_offsets.assign(count + 1, 0);
  targets.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (fixed.intervention_random[i] != 0) {
      // n at random without replacement: a partial Fisher-Yates shuffle, drawn once per run.
      const std::size_t wanted = std::min<std::size_t>(config.interventions[i].targets.count, n);
      permutation_.resize(n);
      std::iota(permutation_.begin(), permutation_.end(), 0U);
      auto draws = rng.sequence(0, fixed.intervention_draw_key[i], word(Purpose::random_targets));
      for (std::size_t j = 0; j < wanted; ++j) {
        const auto pick =
            j + static_cast<std::size_t>(draws.uniform() * static_cast<double>(n - j));
        std::swap(permutation_[j], permutation_[std::min(pick, n - 1)]);
      }
      const std::size_t first = targets.size();
      targets.insert(targets.end(), permutation_.begin(),
                     permutation_.begin() + static_cast<std::ptrdiff_t>(wanted));
      std::sort(targets.begin() + static_cast<std::ptrdiff_t>(first), targets.end());
    } else {
      targets.insert(targets.end(), fixed.targets.begin() + fixed.target_offsets[i],
                     fixed.targets.begin() + fixed.target_offsets[i + 1]);
    }
    target_offsets[i + 1] = static_cast<std::uint32_t>(targets.size());
  }
}

void World::draw_tie_pattern() {
  const std::size_t n = fixed.region_count;
  const std::size_t count = config.interventions.size();
  // Each tie-building intervention links each of its targets to up to `links` other targets,
  // chosen once per run.
  tie_links_.clear();
  const auto links =
      static_cast<std::size_t>(std::max(0L, std::lround(params.ngo_links_per_target)));
  for (std::size_t i = 0; i < count; ++i) {
    if (fixed.intervention_builds_ties[i] == 0) continue;
    const std::uint32_t begin = target_offsets[i];
    const std::size_t m = target_offsets[i + 1] - begin;
    if (m < 2) continue;
    const std::size_t wanted = std::min(links, m - 1);
    for (std::size_t pos = 0; pos < m; ++pos) {
      auto draws = rng.sequence(fixed.intervention_draw_key[i], static_cast<std::uint32_t>(pos),
                                word(Purpose::tie_pattern));
      const std::size_t first = tie_links_.size();
      std::size_t chosen = 0;
      for (std::size_t attempt = 0; chosen < wanted && attempt < 64 * wanted + 64; ++attempt) {
        auto other = static_cast<std::size_t>(draws.uniform() * static_cast<double>(m - 1));
        other = std::min(other, m - 2);
        if (other >= pos) ++other;  // never the target itself
        const std::uint32_t a = targets[begin + pos], b = targets[begin + other];
        const TieLink link = {std::min(a, b), std::max(a, b), static_cast<std::uint32_t>(i)};
        bool seen = false;
        for (std::size_t k = first; k < tie_links_.size(); ++k)
          seen = seen || tie_links_[k] == link;
        if (seen) continue;
        tie_links_.push_back(link);
        ++chosen;
      }
    }
  }
  std::sort(tie_links_.begin(), tie_links_.end());
  tie_links_.erase(std::unique(tie_links_.begin(), tie_links_.end()), tie_links_.end());

  // Unique undirected edges, then the per-intervention and per-region lists.
  std::vector<std::uint32_t>& link_edge = link_edge_;
  link_edge.resize(tie_links_.size());
  std::uint32_t edge_count = 0;
  for (std::size_t k = 0; k < tie_links_.size(); ++k) {
    if (k > 0 && (tie_links_[k].low != tie_links_[k - 1].low ||
                  tie_links_[k].high != tie_links_[k - 1].high)) {
      ++edge_count;
    }
    link_edge[k] = edge_count;
  }
  if (!tie_links_.empty()) ++edge_count;
  tie_weight.assign(edge_count, 0.0);

  intervention_tie_offsets.assign(count + 1, 0);
  for (const auto& link : tie_links_) ++intervention_tie_offsets[link.intervention + 1];
  for (std::size_t i = 0; i < count; ++i)
    intervention_tie_offsets[i + 1] += intervention_tie_offsets[i];
  intervention_ties.resize(tie_links_.size());
  cursor_.assign(intervention_tie_offsets.begin(), intervention_tie_offsets.end() - 1);
  for (std::size_t k = 0; k < tie_links_.size(); ++k) {
    intervention_ties[cursor_[tie_links_[k].intervention]++] = link_edge[k];
  }

  // Per-region rows: each edge once per endpoint, in edge order.
  tie_offsets.assign(n + 1, 0);
  std::uint32_t last_edge = UINT32_MAX;
  for (std::size_t k = 0; k < tie_links_.size(); ++k) {
    if (link_edge[k] == last_edge) continue;
    last_edge = link_edge[k];
    ++tie_offsets[tie_links_[k].low + 1];
    ++tie_offsets[tie_links_[k].high + 1];
  }
  for (std::size_t r = 0; r < n; ++r) tie_offsets[r + 1] += tie_offsets[r];
  tie_neighbour.resize(tie_offsets[n]);
  tie_edge.resize(tie_offsets[n]);
  std::vector<std::uint32_t>& cursor = cursor_;
  cursor.assign(tie_offsets.begin(), tie_offsets.end() - 1);
  last_edge = UINT32_MAX;
  for (std::size_t k = 0; k < tie_links_.size(); ++k) {
    if (link_edge[k] == last_edge) continue;
    last_edge = link_edge[k];
    const std::uint32_t a = tie_links_[k].low, b = tie_links_[k].high;
    tie_neighbour[cursor[a]] = b;
    tie_edge[cursor[a]++] = last_edge;
    tie_neighbour[cursor[b]] = a;
    tie_edge[cursor[b]++] = last_edge;
  }
}

}  // namespace policysim::model
