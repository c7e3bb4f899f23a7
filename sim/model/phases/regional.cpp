// Rules 3-8, one region at a time, in blocks of regions whose NGO-tie sums are gathered first;
// blocks run serially or in tbb::parallel_for's tasks. Everything read is the state of tick t
// (regions, NGOs, nation) or a quantity computed earlier in this tick (intensities, exposure, peer
// sums); only region r is written.
//
// The regional state is updated in place, one copy. That keeps the semantics of reading t and
// writing t+1 because no region reads another region's columns during this phase: what it reads
// of its peers (a, pi, rho of land neighbours, NGO-tie partners, district members; the adopted
// counts of the threshold modes) is the packed peer record, copied from tick t before the phase
// starts, and the emulation memory of the few regions others emulate, which is updated only after
// the phase. Region r reads its own columns into locals before it writes any of them. The
// determinism tests update regions serially, in parallel and in reverse order and compare bytes.

#include <algorithm>
#include <cmath>

#include "sim/model/phases/phases.hpp"
#include "sim/model/purpose.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model {
namespace {

bool adopted(double level) { return level >= kAdoptedLevel; }

// The layers of the combined peer weight W of one region (§4): a layer counts when its weight is
// positive and the region has peers in it.
struct PeerLayers {
  bool geo = false;              ///< land neighbours and w_geo > 0
  bool district = false;         ///< other regions in the district and w_fd > 0
  bool ties = false;             ///< NGO ties with a positive row sum and w_ngo > 0
  double district_others = 0.0;  ///< regions of the district other than r
  double tie_divisor = 1.0;      ///< max(1, raw NGO-tie row sum)
  double total_weight = 0.0;     ///< sum of the weights of the layers present
};

// Which layers of W region r has this tick and their total weight, from its raw NGO-tie row sum.
// The same for every quantity averaged over r's peers, so computed once per region.
PeerLayers peer_layers(const RunContext& run, std::size_t r, double tie_row_sum) {
  const Params& p = run.params;
  const StaticWorld& fixed = run.fixed;
  PeerLayers layers;
  if (fixed.geo.neighbours(r).size() > 0 && p.w_geo > 0.0) {
    layers.geo = true;
    layers.total_weight += p.w_geo;
  }
  const std::uint32_t others = fixed.district_region_count[fixed.district[r]] - 1;
  if (others > 0 && p.w_fd > 0.0) {
    layers.district = true;
    layers.district_others = static_cast<double>(others);
    layers.total_weight += p.w_fd;
  }
  if (p.w_ngo > 0.0 && tie_row_sum > 0.0) {
    // Row-normalised with max(1, row sum): weak ties weigh little (§4).
    layers.ties = true;
    layers.tie_divisor = tie_row_sum > 1.0 ? tie_row_sum : 1.0;
    layers.total_weight += p.w_ngo * tie_row_sum / layers.tie_divisor;
  }
  return layers;
}

// The combined peer mean from the sums of its layers: the W_geo dot, the district total, r's own
// value and the raw NGO-tie dot, for `Lanes` quantities at once (the four reforms' learning
// signals): each layer's test once for all of them, each lane's operations those of one.
template <std::size_t Lanes>
std::array<double, Lanes> combine_peer_layers(const Params& p, const PeerLayers& layers,
                                              const std::array<double, Lanes>& geo_dot,
                                              const std::array<double, Lanes>& district_total,
                                              const std::array<double, Lanes>& own,
                                              const std::array<double, Lanes>& tie_dot) {
  std::array<double, Lanes> weighted{};
  if (layers.geo) {
    for (std::size_t i = 0; i < Lanes; ++i) weighted[i] += p.w_geo * geo_dot[i];
  }
  // W_fd from district sums (sum minus self), never as explicit edges.
  if (layers.district) {
    for (std::size_t i = 0; i < Lanes; ++i) {
      weighted[i] += p.w_fd * (district_total[i] - own[i]) / layers.district_others;
    }
  }
  if (layers.ties) {
    for (std::size_t i = 0; i < Lanes; ++i)
      weighted[i] += p.w_ngo * tie_dot[i] / layers.tie_divisor;
  }
  std::array<double, Lanes> mean{};
  for (std::size_t i = 0; i < Lanes; ++i) {
    mean[i] = layers.total_weight > 0.0 ? weighted[i] / layers.total_weight : own[i];
  }
  return mean;
}

// Sum over s of W[r,s] value(s), the combined peer weight (§4), from district totals of the same
// quantity. A region with no peers at all falls back to its own value.
template <class Value>
double peer_mean(const RunContext& run, const std::vector<double>& tie_weight, std::size_t r,
                 const Value& value, double district_total) {
  const Params& p = run.params;
  const RunDraws& draws = run.draws;
  double geo_dot = 0.0;
  const auto geo_neighbours = run.fixed.geo.neighbours(r);
  if (!geo_neighbours.empty() && p.w_geo > 0.0) {
    const double weight = run.fixed.geo.neighbour_weight(r);
    for (const std::uint32_t s : geo_neighbours) geo_dot += weight * value(s);
  }
  double row_sum = 0.0, tie_dot = 0.0;
  if (p.w_ngo > 0.0) {
    for (std::uint32_t e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      const double w = tie_weight[draws.tie_edge[e]];
      row_sum += w;
      tie_dot += w * value(draws.tie_neighbour[e]);
    }
  }
  return combine_peer_layers<1>(p, peer_layers(run, r, row_sum), {geo_dot}, {district_total},
                                {value(r)}, {tie_dot})[0];
}

// Distinct peers of r (land neighbours, district members, NGO-tie partners with a positive
// weight, each layer counted only when its weight is positive) that have adopted reform k.
// Counting stops at `enough`: the complex-contagion rule only asks for two.
int adopting_peers(const RunContext& run, const RegionalState& state, const TickScratch& scratch,
                   std::size_t r, std::size_t k, int enough) {
  const Params& p = run.params;
  const std::vector<PeerRecord>& peers = scratch.peer;
  const std::uint32_t own_district = run.fixed.district[r];
  const std::size_t districts = run.fixed.district_count;
  const bool use_district = p.w_fd > 0.0;
  int count = 0;
  if (use_district) {
    count += static_cast<int>(scratch.district_adopter_count[k * districts + own_district]) -
             (adopted(peers[r].a[k]) ? 1 : 0);
  }
  const auto geo = run.fixed.geo.neighbours(r);
  if (p.w_geo > 0.0) {
    for (const std::uint32_t peer : geo) {
      if (count >= enough) return count;
      if (use_district && run.fixed.district[peer] == own_district) continue;
      count += adopted(peers[peer].a[k]) ? 1 : 0;
    }
  }
  if (p.w_ngo > 0.0) {
    for (std::uint32_t e = run.draws.tie_offsets[r];
         e < run.draws.tie_offsets[r + 1] && count < enough; ++e) {
      const std::uint32_t peer = run.draws.tie_neighbour[e];
      if (!(state.tie_weight[run.draws.tie_edge[e]] > 0.0)) continue;
      if (use_district && run.fixed.district[peer] == own_district) continue;
      if (p.w_geo > 0.0 && std::find(geo.begin(), geo.end(), peer) != geo.end()) {
        continue;
      }
      count += adopted(peers[peer].a[k]) ? 1 : 0;
    }
  }
  return count;
}

// The mean emulation memory e of the references that for_each_slot lists, per reform; each sum
// adds its terms in reference order.
template <class ForEachSlot>
PerReform mean_reference_memory(const std::vector<double>& emulation_memory,
                                const ForEachSlot& for_each_slot) {
  PerReform sum{};
  std::size_t references = 0;
  for_each_slot([&](std::uint32_t slot) {
    const double* memory = &emulation_memory[slot * kReformCount];
    for (std::size_t k = 0; k < kReformCount; ++k) sum[k] += memory[k];
    ++references;
  });
  PerReform mean{};
  for (std::size_t k = 0; k < kReformCount; ++k) {
    mean[k] = references > 0 ? sum[k] / static_cast<double>(references) : 0.0;
  }
  return mean;
}

// The NGO-tie sums of rule 5 for one region (hazard mode): the raw row sum and, per reform, the
// tie-weighted sum of the partners' a pi, adding the terms in the same order as a pass per reform.
struct TieSums {
  PerReform learning{};
  double row_sum = 0.0;
};

// Regions whose tie sums are gathered in one pass before they are updated.
constexpr std::size_t kTieBlock = 128;

// NGO-tie partners can be anywhere in the country, so in a large one their peer records and the
// ties' weights miss the cache. A short loop that does nothing but gather them lets the processor
// keep many of those misses in flight, which the long body of update_region does not (asking for
// them a few regions ahead in that body hid less, and in this loop adds nothing).
void gather_tie_sums(const RunContext& run, const RegionalState& state, const TickScratch& scratch,
                     std::size_t begin, std::size_t end, TieSums* sums) {
  const std::vector<PeerRecord>& peers = scratch.peer;
  for (std::size_t r = begin; r < end; ++r) {
    TieSums& sum = sums[r - begin];
    sum = TieSums{};
    for (std::uint32_t e = run.draws.tie_offsets[r]; e < run.draws.tie_offsets[r + 1]; ++e) {
      const PeerRecord& peer = peers[run.draws.tie_neighbour[e]];
      const double weight = state.tie_weight[run.draws.tie_edge[e]];
      sum.row_sum += weight;
      for (std::size_t k = 0; k < kReformCount; ++k) {
        sum.learning[k] += weight * (peer.a[k] * peer.success);
      }
    }
  }
}

// Rules 3-8 for region r, given its NGO-tie sums.
void update_region(const RunContext& run, Tick t, const RegionalState& state, TickScratch& scratch,
                   std::size_t r, const TieSums& ties) {
  const Params& p = run.params;
  const Mechanisms& mechanisms = run.mechanisms;
  // `now` and `next` are the same columns (see the top of the file): reads of `now` all come
  // before the writes to `next`.
  const RegionState& now = state.regions;
  RegionState& next = state.regions;
  const NgoState& ngos = state.ngos;
  const NationState& nation = state.nation;
  const TickScratch& s = scratch;
  const std::size_t n = run.fixed.region_count, districts = run.fixed.district_count;
  const auto agent = static_cast<std::uint32_t>(r);
  const auto tick = static_cast<std::uint32_t>(t);
  const RegionIntensity& intensity = s.intensity(r);
  auto instrument = [&intensity](Instrument m) { return intensity.instrument[index(m)]; };
  const std::size_t law = index(Reform::law);

  // The region's own state at t, read once and before any of it is overwritten.
  const PeerRecord& own = s.peer[r];
  const double rho = own.resistance;
  const double capacity = now.capacity[r];
  const double judicial_capacity = now.judicial_capacity[r];
  const double judicial_use = now.judicial_use[r];
  const double support = now.support[r];
  const double mean_cases = now.mean_cases[r];
  const double own_success = own.success;
  const double exposure = run.fixed.exposure[r];

  // The region's NGOs at t: alive count (for rule 9's split of grants), mean legitimacy
  // (obstruction) and push G = 1 - prod(1 - g min(1, R/R*) tie).
  std::uint32_t alive = 0;
  double legitimacy_sum = 0.0, no_push = 1.0;
  for (std::uint32_t e = run.fixed.region_ngo_offsets[r]; e < run.fixed.region_ngo_offsets[r + 1];
       ++e) {
    const std::uint32_t i = run.fixed.region_ngos[e];
    if (ngos.alive[i] == 0) continue;
    ++alive;
    legitimacy_sum += ngos.legitimacy[i];
    const double effectiveness = p.R_star > 0.0 ? std::min(1.0, ngos.resources[i] / p.R_star) : 1.0;
    no_push *= 1.0 - rules::clip01(ngos.legitimacy[i] * effectiveness * ngos.tie[i]);
  }
  scratch.ngo_alive_count[r] = alive;
  const double mean_legitimacy = alive > 0 ? legitimacy_sum / alive : 0.0;
  const double ngo_push = rules::clip01(1.0 - no_push);

  // The land-neighbour sums of rules 3 and 5 for every reform, in one pass: each sum adds the
  // same terms in the same order as a pass per reform would, so the bits do not change. (The
  // NGO-tie sums came in `ties`; gathering these in that pass too was slower.)
  const bool hazard_mode = run.config.adoption_mode == AdoptionMode::hazard;
  const auto geo_neighbours = run.fixed.geo.neighbours(r);
  PerReform learning_geo{}, competition_geo{};
  double rho_geo = 0.0;
  {
    const double geo_weight = run.fixed.geo.neighbour_weight(r);
    for (const std::uint32_t neighbour : geo_neighbours) {
      const PeerRecord& peer = s.peer[neighbour];
      for (std::size_t k = 0; k < kReformCount; ++k) {
        learning_geo[k] += geo_weight * (peer.a[k] * peer.success);
        competition_geo[k] += geo_weight * peer.a[k];
      }
      rho_geo += geo_weight * peer.resistance;
    }
  }

  // Rule 3: resistance and obstruction.
  const bool obstructing =
      mechanisms.obstruction &&
      rules::obstructs(p, rho, mean_legitimacy, run.draws.risk_aversion[r], s.sanction_probability);
  next.obstructing[r] = obstructing ? 1 : 0;
  next.resistance[r] =
      mechanisms.resistance
          ? rules::resistance_next(p, rho, run.draws.eta[r], intensity.foreign_exposure,
                                   nation.stance, geo_neighbours.empty() ? rho : rho_geo)
          : run.draws.eta[r];

  // Rule 4: capacity. An obstructing directorate absorbs no police training or exchange; the
  // courts' capacity is not the police's to refuse.
  const double police_training =
      obstructing ? 0.0 : instrument(Instrument::training) + instrument(Instrument::exchange);
  next.capacity[r] = rules::capacity_next(p, capacity, police_training, rho);
  next.judicial_capacity[r] = rules::capacity_next(
      p, judicial_capacity,
      instrument(Instrument::training) + instrument(Instrument::judicial_training), rho);

  // Rules 5 and 6: signals and implementation, per reform.
  const double exchange = instrument(Instrument::exchange);
  const double tour = instrument(Instrument::task_force_tour);
  const std::uint32_t own_district = run.fixed.district[r];
  // Emulation: the mean memory of the region's references at t, its district's unless it is a
  // centre itself (each sum adds its terms in reference order).
  PerReform emulation{};
  if (hazard_mode && mechanisms.emulation) {
    emulation =
        run.fixed.is_centre(r)
            ? mean_reference_memory(state.emulation_memory,
                                    [&](auto visit) { run.fixed.for_each_reference(r, visit); })
            : s.district_emulation[own_district];
  }
  const PeerLayers layers = peer_layers(run, r, ties.row_sum);
  // One Philox block per region and tick; reform k takes its word k as a 32-bit uniform, enough
  // for a draw that is only compared with a hazard (see RandomStream::uniforms32).
  std::array<double, kReformCount> adoption_draws{};
  if (hazard_mode)
    adoption_draws = run.draws.rng.uniforms32<kReformCount>(tick, agent, word(Purpose::adoption));
  // Reform k steps or not, then decays.
  const auto implement = [&](std::size_t k, bool step) {
    const double a = own.a[k];
    double a_next = step ? rules::adoption_step(p, a) : a;
    a_next = rules::after_decay(p, k, a_next, nation.law_in_force[k], support);
    next.implementation[k * n + r] = a_next;
  };
  if (hazard_mode) {
    // The four reforms' signals and logits, each in a loop over the reforms without a branch:
    // every mechanism's and layer's test is made once a region, not once a reform. Each reform's
    // operations and their order are those of the rules, so the bits do not depend on it.
    rules::ReformSignals signals;
    if (mechanisms.learning) {
      PerReform district_sum{}, own_value{};
      for (std::size_t k = 0; k < kReformCount; ++k) {
        district_sum[k] = s.district_learning_sum[k * districts + own_district];
        own_value[k] = own.a[k] * own_success;
      }
      const PerReform peers =
          combine_peer_layers(p, layers, learning_geo, district_sum, own_value, ties.learning);
      // An exchange adds a foreign exemplar with a = pi = 1.
      for (std::size_t k = 0; k < kReformCount; ++k) {
        signals.learning[k] = (peers[k] + exchange) / (1.0 + exchange);
      }
    }
    signals.emulation = emulation;
    if (mechanisms.competition) {
      // An empty W_geo row gives 0: no neighbours to displace trafficking to or from.
      for (std::size_t k = 0; k < kReformCount; ++k) {
        signals.competition[k] = exposure * competition_geo[k];
      }
    }
    if (mechanisms.coercion) {
      for (std::size_t k = 0; k < kReformCount; ++k) {
        signals.coercion[k] =
            rules::coercion_with_tour(p, k, s.coercion_without_tour[k], tour, nation.stance);
      }
    }
    if (mechanisms.ngo_push) signals.ngo_push.fill(ngo_push);
    if (mechanisms.direct_effects) signals.direct_effect = intensity.direct_effect;
    const PerReform logit =
        rules::adoption_logits(p, signals, capacity, support, rho, nation.cascade);
    for (std::size_t k = 0; k < kReformCount; ++k) {
      implement(k, rules::happens(adoption_draws[k], logit[k]));
    }
  } else {
    for (std::size_t k = 0; k < kReformCount; ++k) {
      const double coercion =
          mechanisms.coercion
              ? rules::coercion_with_tour(p, k, s.coercion_without_tour[k], tour, nation.stance)
              : 0.0;
      const double share = peer_mean(
          run, state.tie_weight, r,
          [&](std::size_t peer) { return adopted(s.peer[peer].a[k]) ? 1.0 : 0.0; },
          s.district_adopter_count[k * districts + own_district]);
      bool step = share >= rules::adoption_threshold(p, run.draws.theta[r], coercion, capacity);
      if (step && run.config.adoption_mode == AdoptionMode::complex_contagion) {
        step = adopting_peers(run, state, s, r, k, 2) >= 2;
      }
      implement(k, step);
    }
  }

  // Rule 7: courts, cases and convictions (Art. 127.1 exists only while the law is in force).
  const double a_law = own.a[law];
  next.judicial_use[r] = rules::judicial_use_next(p, judicial_use, a_law, judicial_capacity,
                                                  nation.law_in_force[law], rho);
  std::uint32_t cases = 0, convictions = 0;
  if (nation.law_in_force[law] > 0.0 && !obstructing) {
    auto case_draws = run.draws.rng.sequence(tick, agent, word(Purpose::cases));
    cases = case_draws.poisson(p.case_rate * run.fixed.size[r] * a_law);
    if (cases > 0) {
      auto conviction_draws = run.draws.rng.sequence(tick, agent, word(Purpose::convictions));
      convictions = conviction_draws.binomial(cases, rules::clip01(judicial_use * p.p_conv));
    }
  }
  next.case_quarters[r] =
      static_cast<std::uint8_t>(((now.case_quarters[r] << 1U) | (cases > 0 ? 1U : 0U)) & 0xFU);
  next.cases[r] = cases;
  next.convictions[r] = convictions;
  next.mean_cases[r] =
      run.draws.case_mean_keep * mean_cases + (1.0 - run.draws.case_mean_keep) * cases;

  // Rule 8: executive support.
  next.support[r] = rules::support_next(p, support, exposure, s.mean_directive, rho);
}

}  // namespace

void prepare_peer_sums(const RunContext& run, Tick t, const RegionalState& state,
                       TickScratch& scratch) {
  const Params& p = run.params;
  const StaticWorld& f = run.fixed;
  const RegionState& now = state.regions;
  TickScratch& s = scratch;
  const std::size_t n = f.region_count, districts = f.district_count;
  constexpr std::size_t kSums = 2 * kReformCount;  // a pi, then adopters, per reform

  // The peer records, and each block's district sums, adding its regions in region order.
  const std::size_t blocks = f.block_district_offsets.size() - 1;
  for_each_index(blocks, run.execution.parallel, 1, [&](std::size_t b) {
    double* block_sums = &s.block_district_sums[f.block_district_offsets[b] * kSums];
    std::fill(block_sums, &s.block_district_sums[f.block_district_offsets[b + 1] * kSums], 0.0);
    const std::size_t end = std::min(n, (b + 1) * kDistrictSumBlock);
    for (std::size_t r = b * kDistrictSumBlock; r < end; ++r) {
      PeerRecord& peer = s.peer[r];
      for (std::size_t k = 0; k < kReformCount; ++k) peer.a[k] = now.a(r, k);
      peer.success = rules::observed_success(p, now.mean_cases[r], f.size[r]);
      peer.resistance = now.resistance[r];
      double* sums = block_sums + f.block_district_place[r] * kSums;
      for (std::size_t k = 0; k < kReformCount; ++k) {
        sums[k] += peer.a[k] * peer.success;
        sums[kReformCount + k] += adopted(peer.a[k]) ? 1.0 : 0.0;
      }
    }
  });
  // The blocks' sums, block after block: the bits depend on the blocks alone, not on the threads.
  // (With one block, each sum is 0 plus the block's, a serial pass's bits.)
  std::fill(s.district_learning_sum.begin(), s.district_learning_sum.end(), 0.0);
  std::fill(s.district_adopter_count.begin(), s.district_adopter_count.end(), 0.0);
  for (std::size_t e = 0; e < f.block_districts.size(); ++e) {
    const std::size_t d = f.block_districts[e];
    const double* sums = &s.block_district_sums[e * kSums];
    for (std::size_t k = 0; k < kReformCount; ++k) {
      s.district_learning_sum[k * districts + d] += sums[k];
      s.district_adopter_count[k * districts + d] += sums[kReformCount + k];
    }
  }

  // Every region that is not a centre emulates its district's references: their mean memory
  // once a district rather than once a region.
  if (run.config.adoption_mode == AdoptionMode::hazard && run.mechanisms.emulation) {
    for (std::size_t d = 0; d < districts; ++d) {
      s.district_emulation[d] = mean_reference_memory(state.emulation_memory, [&](auto visit) {
        run.fixed.for_each_district_reference(d, visit);
      });
    }
  }

  // The terms of rules 5 and 8 that are the same in every region, once rather than per region.
  const NationState& nation = state.nation;
  s.tip = run.fixed.tip[static_cast<std::size_t>(t)];
  for (std::size_t k = 0; k < kReformCount; ++k) {
    s.coercion_without_tour[k] =
        rules::coercion_without_tour(p, nation.law_in_force[k], nation.directive[k], s.tip);
  }
  s.sanction_probability = rules::sanction_probability(p, nation.directive[index(Reform::law)]);
  double mean_directive = 0.0;
  for (double d : nation.directive) mean_directive += d;
  s.mean_directive = mean_directive / static_cast<double>(kReformCount);
}

void update_regions_in(const RunContext& run, Tick t, const RegionalState& state,
                       TickScratch& scratch, std::size_t begin, std::size_t end) {
  const bool tie_sums = run.config.adoption_mode == AdoptionMode::hazard && run.params.w_ngo > 0.0;
  std::array<TieSums, kTieBlock> ties{};  // all zero where the ties do not count
  for (std::size_t first = begin; first < end; first += kTieBlock) {
    const std::size_t last = std::min(end, first + kTieBlock);
    if (tie_sums) gather_tie_sums(run, state, scratch, first, last, ties.data());
    for (std::size_t r = first; r < last; ++r)
      update_region(run, t, state, scratch, r, ties[r - first]);
  }
}

void update_emulation_memory(const RunContext& run, const RegionalState& state,
                             const TickScratch& scratch) {
  const std::vector<PeerRecord>& before = scratch.peer;
  for (std::size_t slot = 0; slot < run.fixed.reference_regions.size(); ++slot) {
    const std::size_t q = run.fixed.reference_regions[slot];
    for (std::size_t k = 0; k < kReformCount; ++k) {
      const double crossed = !adopted(before[q].a[k]) && adopted(state.regions.a(q, k)) ? 1.0 : 0.0;
      double& memory = state.emulation_memory[slot * kReformCount + k];
      memory = std::min(1.0, run.draws.emulation_memory_keep * memory + crossed);
    }
  }
}

void update_regions(const RunContext& run, Tick t, const RegionalState& state,
                    TickScratch& scratch) {
  prepare_peer_sums(run, t, state, scratch);
  const std::size_t n = run.fixed.region_count;
  for_each_range(n, run.execution.parallel, run.execution.grain,
                 [&](std::size_t begin, std::size_t end) {
                   update_regions_in(run, t, state, scratch, begin, end);
                 });
  update_emulation_memory(run, state, scratch);
}

}  // namespace policysim::model
