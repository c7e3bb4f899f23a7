// Each model figure is taken next to its reference kernels, in the same arena and the same
// process, so that their ratio is what a reader compares across machines.

#include "sim/bench/tick_benchmark.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "sim/bench/machine.hpp"
#include "sim/bench/output_hash.hpp"
#include "sim/bench/reference_network.hpp"
#include "sim/bench/thread_arena.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/state.hpp"
#include "sim/scenario/synthetic_country.hpp"

namespace policysim::bench {
namespace {

// The tick workload's programmes: every instrument active in every timed tick, over shares of
// the country so that the work per region is the same at every size. The law and the special
// unit are in force from the start, so that cases and convictions are drawn.
model::Config tick_config(std::size_t regions, int ticks) {
  model::Config config;
  config.start = core::Quarter(2000, 1);
  config.end = config.start + (ticks - 1);
  config.donors = {
      {"US government", 1.0, 0.0, true, model::Frame::prosecution, std::nullopt},
      {"Nordic governments", 0.6, 0.3, true, model::Frame::balanced, std::nullopt},
      {"Russian ministries", 0.3, 0.7, false, model::Frame::balanced, std::nullopt},
  };
  const auto share = [regions](double fraction) {
    return static_cast<std::uint32_t>(
        std::max<double>(1.0, fraction * static_cast<double>(regions)));
  };
  const auto add = [&](const char* name, std::uint32_t donor, model::Instrument instrument,
                       model::TargetedRegions targets, double intensity) {
    model::Intervention iv;
    iv.name = name;
    iv.donor = donor;
    iv.instrument = instrument;
    iv.start = config.start;
    iv.end = config.end;
    iv.targets = std::move(targets);
    iv.intensity = intensity;
    config.interventions.push_back(std::move(iv));
  };
  using Kind = model::TargetedRegions::Kind;
  using model::Instrument;
  add("training", 0, Instrument::training, {Kind::random, {}, 0, share(0.10)}, 0.7);
  add("judicial training", 2, Instrument::judicial_training, {Kind::district, {}, 0, 0}, 0.6);
  add("grants", 1, Instrument::ngo_grant, {Kind::most_exposed, {}, 0, share(0.10)}, 0.5);
  add("conferences", 1, Instrument::conference, {Kind::random, {}, 0, share(0.10)}, 0.5);
  add("exchanges", 1, Instrument::exchange, {Kind::random, {}, 0, share(0.02)}, 0.5);
  add("tour", 0, Instrument::task_force_tour, {Kind::random, {}, 0, share(0.05)}, 0.6);
  add("push", 0, Instrument::legislation_push, {Kind::regions, {0}, 0, 0}, 1.0);
  config.tip.assign(static_cast<std::size_t>(ticks), 1.0);
  config.un.assign(static_cast<std::size_t>(ticks), 1.0);
  config.forced_events = {{model::ForcedEvent::Kind::law, config.start - 1},
                          {model::ForcedEvent::Kind::unit_special, config.start - 1}};
  return config;
}

std::uint64_t state_hash(const model::RunState& state, const model::RunOutput& output) {
  OutputHash hash;
  const model::RegionState& regions = state.regions;
  for (const auto* column : {&regions.implementation, &regions.resistance, &regions.capacity,
                             &regions.judicial_use, &regions.support}) {
    hash.add(*column);
  }
  // Counts hashed as doubles, as in the hashes recorded in bench/RESULTS.md.
  hash.add(std::vector<double>(regions.cases.begin(), regions.cases.end()));
  hash.add(state.ngos.resources);
  hash.add(output.series);
  return hash.value();
}

}  // namespace

double TickResult::region_ticks_per_second() const {
  const double median_seconds = tick_seconds.median();
  return median_seconds > 0.0 ? static_cast<double>(regions) / median_seconds : 0.0;
}
double TickResult::ns_per_region_tick() const {
  return 1e9 * tick_seconds.median() / static_cast<double>(regions);
}
double TickResult::ratio_to_spmm() const {
  const double spmm = reference.spmm.median();
  return spmm > 0.0 ? tick_seconds.median() / spmm : 0.0;
}
double TickResult::ratio_to_triad() const {
  const double triad = reference.triad.median();
  return triad > 0.0 ? tick_seconds.median() / triad : 0.0;
}

double TickResult::phase_ms(std::size_t i) const {
  const auto ticks = static_cast<double>(tick_seconds.seconds.size());
  return ticks > 0.0 ? 1e3 * phase_seconds.at(i) / ticks : 0.0;
}

TickResult run_tick_benchmark(const TickOptions& options) {
  require_at_least_one(static_cast<long long>(options.regions), "region");
  require_at_least_one(options.ticks, "timed tick");
  require_at_least_one(options.repeats, "repeat");
  TickResult result;
  result.regions = options.regions;
  result.threads = options.threads;
  result.rss_before_bytes = current_rss_bytes();
  const int ticks = options.ticks + 1;  // one warm-up tick
  const model::Config config = tick_config(options.regions, ticks);

  run_in_arena(options.threads, options.pin, [&] {
    std::unique_ptr<model::Simulation> simulation;
    {
      // The country is only needed to build the Simulation: free it before measuring memory.
      const std::size_t districts = options.regions / 1000 + 7;
      const model::Country country =
          scenario::make_synthetic_country(options.regions, districts, 42, 8.0);
      simulation = std::make_unique<model::Simulation>(config, country);
    }
    model::RunOutput output;
    result.ngos = simulation->static_world().ngo_count;

    std::unique_ptr<ReferenceKernels> kernels;
    std::uint64_t first_hash = 0;
    result.phase_seconds.assign(model::tick_phases().size(), 0.0);
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
      simulation->start(options.seed, {.region_series = false, .parallel = true}, output);
      simulation->step();
      if (repeat == 0) {
        result.rss_model_bytes = current_rss_bytes() - result.rss_before_bytes;
        kernels = std::make_unique<ReferenceKernels>(
            reference_network(simulation->static_world(), simulation->draws(), config.params),
            options.regions);
        result.edges = kernels->nonzeros();
        result.reference.spmm_nonzeros = kernels->nonzeros();
        result.reference.triad_doubles = kernels->triad_doubles();
      }
      for (int t = 1; t < ticks; ++t) {
        const auto started = Clock::now();
        simulation->step(result.phase_seconds);
        result.tick_seconds.seconds.push_back(seconds_since(started));
        // The references right after each tick, under the same load.
        result.reference.spmm.seconds.push_back(kernels->spmm_seconds(1));
        result.reference.triad.seconds.push_back(kernels->triad_seconds());
      }
      const std::uint64_t hash = state_hash(simulation->state(), output);
      if (repeat == 0) first_hash = hash;
      if (hash != first_hash) result.hash_stable = false;
      result.hash = hash;
      simulation->finish();
    }
    kernels->keep_results();
  });
  result.peak_rss_bytes = peak_rss_bytes();
  return result;
}

}  // namespace policysim::bench
