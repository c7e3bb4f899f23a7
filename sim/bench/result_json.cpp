#include "sim/bench/result_json.hpp"

#include <cstddef>

#include "sim/bench/output_hash.hpp"
#include "sim/model/phases/phases.hpp"

namespace policysim::bench {
namespace {

nlohmann::json timings_json(const Timings& timings) {
  return {{"median", timings.median()},
          {"min", timings.min()},
          {"max", timings.max()},
          {"samples", timings.seconds.size()}};
}

// Milliseconds a tick, by phase name.
nlohmann::json phases_json(const TickResult& r) {
  nlohmann::json phases = nlohmann::json::object();
  for (std::size_t i = 0; i < r.phase_seconds.size(); ++i) {
    phases[model::tick_phases()[i].name] = r.phase_ms(i);
  }
  return phases;
}

}  // namespace

nlohmann::json to_json(const EnsembleResult& r) {
  return {{"workload", "ensemble"},
          {"replications", r.replications},
          {"regions", r.regions},
          {"ticks", r.ticks},
          {"threads", r.threads},
          {"series_stored", r.series},
          {"seconds", timings_json(r.seconds)},
          {"runs_per_second", r.runs_per_second()},
          {"write_seconds", timings_json(r.write_seconds)},
          {"write_share", r.write_share()},
          {"write_cpu_seconds", timings_json(r.write_cpu_seconds)},
          {"worker_cpu_seconds", timings_json(r.worker_cpu_seconds)},
          {"write_cpu_share", r.write_cpu_share()},
          {"spmm_seconds", timings_json(r.reference.spmm)},
          {"spmm_nonzeros", r.reference.spmm_nonzeros},
          {"triad_bytes_per_second", r.reference.triad_bytes_per_second()},
          {"run_over_spmm", r.ratio_to_spmm()},
          {"hash", hex64(r.hash)},
          {"hash_stable", r.hash_stable}};
}

nlohmann::json to_json(const WriterResult& r) {
  return {{"workload", "writer"},
          {"replications", r.replications},
          {"series_stored", r.series},
          {"events_per_run", r.events},
          {"compute_cpu_seconds", r.compute_cpu_seconds},
          {"write_cpu_seconds", timings_json(r.write_cpu_seconds)},
          {"write_cpu_share", r.write_cpu_share()},
          {"hash", hex64(r.hash)}};
}

nlohmann::json to_json(const TickResult& r) {
  return {{"workload", "tick"},
          {"regions", r.regions},
          {"ngos", r.ngos},
          {"edges", r.edges},
          {"threads", r.threads},
          {"tick_seconds", timings_json(r.tick_seconds)},
          {"region_ticks_per_second", r.region_ticks_per_second()},
          {"ns_per_region_tick", r.ns_per_region_tick()},
          {"spmm_seconds", timings_json(r.reference.spmm)},
          {"triad_seconds", timings_json(r.reference.triad)},
          {"triad_bytes_per_second", r.reference.triad_bytes_per_second()},
          {"tick_over_spmm", r.ratio_to_spmm()},
          {"tick_over_triad", r.ratio_to_triad()},
          {"phase_ms", phases_json(r)},
          {"model_rss_bytes", r.rss_model_bytes},
          {"peak_rss_bytes", r.peak_rss_bytes},
          {"hash", hex64(r.hash)},
          {"hash_stable", r.hash_stable}};
}

}  // namespace policysim::bench
