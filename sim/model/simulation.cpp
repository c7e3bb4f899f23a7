// Simulation: builds the static world once, then runs seeds: reset, step through the ticks,
// derive the per-run outcomes of MODEL.md §8 from the series and the final state.

#include "sim/model/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/model/metrics.hpp"
#include "sim/model/numeric_guard.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/world.hpp"

namespace policysim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Decimal year of the quarter `t` ticks after the start: 2003Q1 = 2003.0, 2003Q4 = 2003.75.
double decimal_year(const Config& config, int t) {
  const core::Quarter quarter = config.start + t;
  return quarter.year() + (quarter.quarter() - 1) / 4.0;
}

void compute_outcomes(const Config& config, const StaticWorld& fixed, const RunState& state,
                      RunOutput& out) {
  const auto ticks = static_cast<int>(fixed.tick_count);
  const std::size_t width = kSeriesMetricNames.size();
  auto at = [&](int t, SeriesMetric metric) {
    return out.series[static_cast<std::size_t>(t) * width + column(metric)];
  };
  auto first_tick = [&](SeriesMetric metric, double level) {
    for (int t = 0; t < ticks; ++t) {
      if (at(t, metric) >= level) return t;
    }
    return -1;
  };
  out.outcomes.assign(kOutcomes.size(), kNaN);
  auto set = [&out](Outcome outcome, double value) { out.outcomes[column(outcome)] = value; };
  const int last = ticks - 1;

  // The last quarter with foreign money spent; "stopped" when it is before the end.
  int last_foreign = -1;
  for (int t = 0; t < ticks; ++t) {
    if (at(t, SeriesMetric::foreign_intensity) > 0.0) last_foreign = t;
  }
  const RegionState& final_state = state.regions;
  for (std::size_t k = 0; k < kReformCount; ++k) {
    const auto adopted = for_reform(SeriesMetric::adopted_law, k);
    const auto share = for_reform(SeriesMetric::share_adopted_law, k);
    const auto mean = for_reform(SeriesMetric::mean_law, k);
    set(for_reform(Outcome::final_adopted_law, k), at(last, adopted));
    // 12 quarters after the last quarter with foreign money, when that is inside the run.
    if (last_foreign >= 0 && last_foreign + 12 <= last) {
      set(for_reform(Outcome::adopted_12q_after_foreign_stop_law, k),
          at(last_foreign + 12, adopted));
    }
    int third = -1;
    for (int t = 0; t < ticks && third < 0; ++t) {
      if (at(t, share) >= config.params.cascade_share) third = t;
    }
    // Quarters elapsed; censored at the run length.
    set(for_reform(Outcome::quarters_to_third_law, k), third >= 0 ? third + 1 : ticks);
    double peak = 0.0;
    for (int t = 0; t < ticks; ++t) peak = std::max(peak, at(t, mean));
    set(for_reform(Outcome::morans_i_law, k), morans_i(fixed, final_state.reform(k)));
    set(for_reform(Outcome::share_of_peak_kept_law, k), peak > 0.0 ? at(last, mean) / peak : kNaN);
    set(for_reform(Outcome::peak_mean_law, k), peak);
    set(for_reform(Outcome::final_mean_law, k), at(last, mean));
  }
  double peak_resistance = 0.0, total_cases = 0.0, total_convictions = 0.0;
  for (int t = 0; t < ticks; ++t) {
    peak_resistance = std::max(peak_resistance, at(t, SeriesMetric::resistance_mean));
    total_cases += at(t, SeriesMetric::cases);
    total_convictions += at(t, SeriesMetric::convictions);
  }
  set(Outcome::peak_resistance, peak_resistance);
  set(Outcome::final_resistance, at(last, SeriesMetric::resistance_mean));
  // The year of the first quarter in which a series reaches a level, NaN when it never does.
  struct FirstReached {
    Outcome outcome;
    SeriesMetric metric;
    double level;
  };
  constexpr std::array<FirstReached, 5> kFirsts = {
      {{Outcome::law_passed_year, SeriesMetric::law_in_force, 1.0},
       {Outcome::u1_year, SeriesMetric::U, 1.0},
       {Outcome::u2_year, SeriesMetric::U, 2.0},
       {Outcome::z1_year, SeriesMetric::Z1, 1.0},
       {Outcome::z2_year, SeriesMetric::Z2, 1.0}}};
  for (const FirstReached& first : kFirsts) {
    const int t = first_tick(first.metric, first.level);
    set(first.outcome, t >= 0 ? decimal_year(config, t) : kNaN);
  }
  set(Outcome::total_cases, total_cases);
  set(Outcome::total_convictions, total_convictions);
  set(Outcome::ngos_closed, static_cast<double>(std::count_if(
                                state.events.begin(), state.events.end(), [](const EventNote& e) {
                                  return e.kind == EventKind::ngo_closed;
                                })));
}

// The event `note` as a run reports it, written into `event` (whose strings keep their capacity,
// so that naming the events of a reused output allocates only for longer names).
void name_event(const Config& config, const StaticWorld& fixed, const EventNote& note,
                Event& event) {
  event.tick = note.tick;
  event.kind = name(note.kind);
  event.region = -1;
  switch (note.kind) {
    case EventKind::donor_cut:
    case EventKind::donor_exit:
      event.detail = config.donors[note.subject].name;
      break;
    case EventKind::ngo_closed:
      event.region = fixed.ngo_region[note.subject];
      event.detail = ngo_name(fixed, config, note.subject);
      break;
    default:  // federal events: which unit, and whether forced or by their rule
      event.detail = note.kind == EventKind::special_unit_created   ? "special "
                     : note.kind == EventKind::federal_unit_created ? "federal "
                                                                    : "";
      event.detail += note.forced ? "forced" : "rule";
      break;
  }
}

}  // namespace

std::span<const std::string_view> series_metric_names() { return kSeriesMetricNames; }
std::span<const std::string_view> region_metric_names() { return kRegionMetricNames; }
std::span<const std::string_view> outcome_names() { return kOutcomeNames; }

struct Simulation::State {
  State(const Config& config_in, const Country& country)
      : config(config_in), fixed(build_static_world(config, country)), world(config, fixed) {}
  Config config;
  StaticWorld fixed;
  World world;
  bool started = false;  // a run was started and not finished
  Tick next_tick = 0;
};

Simulation::Simulation(const Config& config, const Country& country)
    : state_(std::make_unique<State>(config, country)) {}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

int Simulation::tick_count() const { return static_cast<int>(state_->fixed.tick_count); }
std::size_t Simulation::region_count() const { return state_->fixed.region_count; }
const RunState& Simulation::state() const { return state_->world.state; }
const RunDraws& Simulation::draws() const { return state_->world.draws; }
const StaticWorld& Simulation::static_world() const { return state_->fixed; }
int Simulation::ticks_run() const { return state_->next_tick; }

RunOutput Simulation::run(std::uint64_t seed, const RunOptions& options) {
  RunOutput output;
  run(seed, options, output);
  return output;
}

void Simulation::run(std::uint64_t seed, const RunOptions& options, RunOutput& output) {
  start(seed, options, output);
  const World& w = state_->world;
  for (Tick t = 0; t < tick_count(); ++t) {
    step();
    if (!state_sum_is_finite(w.state) && find_non_finite(w.state, w.fixed)) {
      throw_non_finite(seed, t);
    }
  }
  finish();
}

void Simulation::start(std::uint64_t seed, const RunOptions& options, RunOutput& output) {
  World& w = state_->world;
  const StaticWorld& f = state_->fixed;
  output.series.assign(f.tick_count * kSeriesMetricNames.size(), 0.0);
  if (options.region_series) {
    output.region_series.assign(f.tick_count * f.region_count * kRegionMetricNames.size(), 0.0);
  } else {
    output.region_series.clear();
  }
  w.execution.parallel = options.parallel;
  w.execution.grain = options.agents_per_task > 0 ? options.agents_per_task : kDefaultAgentGrain;
  w.recording = {&output, options.region_series};
  start_run(w, seed);
  state_->started = true;
  state_->next_tick = 0;
}

void Simulation::step(std::span<double> phase_seconds) {
  if (!state_->started || state_->next_tick >= tick_count()) {
    throw std::logic_error(state_->started ? "Simulation::step: every tick of the run has run"
                                           : "Simulation::step: no run was started");
  }
  model::step(state_->world, state_->next_tick, phase_seconds);
  ++state_->next_tick;
}

void Simulation::finish() {
  World& w = state_->world;
  if (!state_->started) throw std::logic_error("Simulation::finish: no run was started");
  RunOutput& output = *w.recording.output;
  output.events.resize(w.state.events.size());
  for (std::size_t e = 0; e < w.state.events.size(); ++e) {
    name_event(w.config, w.fixed, w.state.events[e], output.events[e]);
  }
  compute_outcomes(w.config, w.fixed, w.state, output);
  w.recording.output = nullptr;
  state_->started = false;
}

void Simulation::throw_non_finite(std::uint64_t seed, int tick) {
  // The run is a function of its seed: run it again to tick `tick`, then that tick one phase at a
  // time, to find the phase after which the state is first not finite.
  World& w = state_->world;
  start_run(w, seed);
  for (Tick t = 0; t < tick; ++t) model::step(w, t);
  std::string phase = "the end of the tick", found;
  for (const TickPhase& each : tick_phases()) {
    each.run(w, tick);
    if (auto where = find_non_finite(w.state, w.fixed)) {
      phase = each.name;
      found = *where;
      break;
    }
  }
  if (found.empty()) found = find_non_finite(w.state, w.fixed).value_or("the state");
  w.recording.output = nullptr;
  state_->started = false;
  throw NonFiniteState(
      "non-finite state at tick " + std::to_string(tick) + " (" + (w.config.start + tick).str() +
      "), phase `" + phase + "`: " + found + "; seed " + std::to_string(seed) +
      "; parameters not at their defaults: " + parameters_not_at_default(w.config.params));
}

double morans_i(const StaticWorld& world, std::span<const double> values) {
  const std::size_t n = values.size();
  if (n < 2) return kNaN;
  double mean = 0.0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(n);
  double spatial = 0.0, variance = 0.0, total_weight = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    const double deviation = values[r] - mean;
    variance += deviation * deviation;
    const double weight = world.geo.neighbour_weight(r);
    for (const std::uint32_t s : world.geo.neighbours(r)) {
      total_weight += weight;
      spatial += weight * deviation * (values[s] - mean);
    }
  }
  if (!(total_weight > 0.0) || !(variance > 0.0)) return kNaN;
  return static_cast<double>(n) / total_weight * spatial / variance;
}

}  // namespace policysim::model
