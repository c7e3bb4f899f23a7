// The draws of a run (MODEL.md §3, §4): traits, event thresholds, random targets and the NGO tie
// pattern, each from its own coordinates of the run's random stream.

#include "sim/model/run_draws.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/elementary.hpp"
#include "sim/model/agent_counts.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model {

void RunDraws::draw(const Config& config, const StaticWorld& fixed, std::uint64_t seed) {
  const Params& p = config.params;
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
  // Each NGO's own base income (rule 9), one uniform per NGO inverted through the Gamma quantile.
  ngo_income_base.resize(fixed.ngo_count);
  for (std::size_t i = 0; i < fixed.ngo_count; ++i) {
    const double u = rng.uniform(0, static_cast<std::uint32_t>(i), word(Purpose::ngo_income));
    ngo_income_base[i] = rules::ngo_base_income(p, u);
  }
  draw_targets(config, fixed);
  draw_tie_pattern(config, fixed);
  emulation_memory_keep = core::exp2(-1.0 / p.emulation_half_life_ticks);
  case_mean_keep = core::exp2(-1.0 / p.case_half_life_ticks);
}

void RunDraws::draw_targets(const Config& config, const StaticWorld& fixed) {
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

void RunDraws::draw_tie_pattern(const Config& config, const StaticWorld& fixed) {
  const std::size_t n = fixed.region_count;
  const std::size_t count = config.interventions.size();
  // Each tie-building intervention links each of its targets to up to `links` other targets,
  // chosen once per run.
  tie_links_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (fixed.intervention_builds_ties[i] == 0) continue;
    const std::uint32_t begin = target_offsets[i];
    const std::size_t m = target_offsets[i + 1] - begin;
    const std::size_t wanted = tie_links_per_target(config.params, m);
    if (wanted == 0) continue;
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
  tie_edge_count = edge_count;

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
