#pragma once
// The benchmark workloads, shared by the bench/ executables and `policysim bench`: an ensemble
// of baseline replications written to a results database, and single ticks of synthetic
// countries, each measured next to reference kernels on the same data (a sparse matrix times a
// 5-column dense matrix over the same combined network, and a STREAM triad) so that the model's
// figures can be read as ratios on a shared, noisy machine. Every result carries a determinism
// hash of its outputs, which must not depend on the thread count.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/hashing.hpp"
#include "sim/core/network.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::runner {

/// Wall-clock seconds of repeated measurements.
struct Timings {
  std::vector<double> seconds;
  double median() const;
  double min() const;
  double max() const;
};

/// A hash of 64-bit words (the bits of doubles, counts, indices): FNV-1a's step on whole words,
/// each followed by a xorshift so that every bit of a word reaches the low bits too. A word at a
/// time rather than a byte keeps it cheap next to the runs it checks.
class OutputHash {
 public:
  void add(std::uint64_t word);
  void add(double value);
  void add(const std::vector<double>& values);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = core::kFnv1a64Offset;
};

/// Runs `body` inside a task arena of `threads` threads (and a global_control of as many); when
/// `pin`, each thread that enters the arena is pinned to one CPU of the process's affinity mask
/// (slot i to the i-th CPU), and unpinned when it leaves.
void run_in_arena(int threads, bool pin, const std::function<void()>& body);

/// The reference kernels' network of a run: W = w_geo W_geo + w_ngo (NGO-tie pattern of `draws`),
/// the layers its regional phase walks per region, as an ordinary weighted CSR matrix.
core::Network reference_network(const model::StaticWorld& fixed, const model::RunDraws& draws,
                                const model::Params& params);

/// CPUs this process may run on.
int available_cpus();
/// Resident set size now and at its peak, in bytes (Linux: /proc/self/statm, getrusage).
std::size_t current_rss_bytes();
std::size_t peak_rss_bytes();

/// Reference kernels measured next to a workload.
struct ReferenceTimings {
  Timings spmm;   ///< Y = W X, W the combined network, X dense with 5 columns, parallel by rows
  Timings triad;  ///< a = b + s c over `triad_doubles` doubles per array, parallel
  std::size_t spmm_nonzeros = 0;
  std::size_t triad_doubles = 0;
  /// Bytes a triad moves (three arrays) per second, median.
  double triad_bytes_per_second() const;
};

/// The ensemble workload: `replications` runs of a scenario (the baseline: 83 regions, 64
/// quarters), national series, events and outcomes written to a fresh results database in a
/// temporary directory, replications in parallel. One parse and country, one Simulation per
/// worker reused across its runs.
struct EnsembleOptions {
  std::filesystem::path scenario_file;
  int replications = 200;
  int repeats = 5;
  int threads = 1;
  bool pin = true;
  std::uint64_t seed = 20120101;
};
struct EnsembleResult {
  int replications = 0, threads = 0, ticks = 0;
  std::size_t regions = 0;
  Timings seconds;  ///< the whole ensemble, database writes included
  /// Per repeat, the workers' seconds in writing runs (their waits for the one writer included)
  /// and the final commit and close.
  Timings write_seconds;
  ReferenceTimings reference;  ///< SpMM on the scenario's network, triad of 2^22 doubles
  std::uint64_t hash = 0;      ///< series and outcomes of every run, in replicate order
  bool hash_stable = true;     ///< every repeat gave the same hash
  double runs_per_second() const;
  /// Median seconds of one run over the median of `ticks` SpMMs on the same network.
  double ratio_to_spmm() const;
  /// The share of the workers' time (wall time × threads) spent writing, medians. Writes are
  /// serialised, so at 1 thread its inverse is about how many workers one writer keeps up with.
  double write_share() const;
};
EnsembleResult run_ensemble_benchmark(const EnsembleOptions& options);

/// The tick workload: one tick (all phases, with interventions active, the law in force and
/// cases drawn) of a synthetic country of `regions` regions, about two NGOs per region and six
/// to ten land neighbours per region.
struct TickOptions {
  std::size_t regions = 1000;
  int ticks = 8;    ///< timed ticks per repeat (after one untimed warm-up tick)
  int repeats = 3;  ///< runs (resets) per measurement
  int threads = 1;
  bool pin = true;
  std::uint64_t seed = 7;
};
struct TickResult {
  std::size_t regions = 0, ngos = 0, edges = 0;  ///< edges: nonzeros of the combined network
  int threads = 0;
  Timings tick_seconds;  ///< one sample per timed tick
  /// Wall time of each phase of model::tick_phases(), summed over the timed ticks.
  std::vector<double> phase_seconds;
  ReferenceTimings reference;
  std::uint64_t hash = 0;  ///< state after the last tick and every series row, last repeat
  bool hash_stable = true;
  std::size_t rss_before_bytes = 0;  ///< before the country was generated
  std::size_t rss_model_bytes = 0;   ///< after the ticks, the country freed, minus rss_before
  std::size_t peak_rss_bytes = 0;    ///< peak of the process
  double region_ticks_per_second() const;
  double ns_per_region_tick() const;
  double ratio_to_spmm() const;   ///< median tick over median SpMM
  double ratio_to_triad() const;  ///< median tick over median triad of `regions` doubles
  /// Milliseconds a timed tick spent in phase i, on average.
  double phase_ms(std::size_t i) const;
};
TickResult run_tick_benchmark(const TickOptions& options);

/// "1234abcd" as 16 hex digits.
std::string hex64(std::uint64_t value);

/// Table lines shared by the bench/ executables and `policysim bench`.
std::string ensemble_table_header();
std::string ensemble_table_row(const EnsembleResult& result);
std::string tick_table_header();
std::string tick_table_row(const TickResult& result);
/// "  phases (ms a tick): schedule 0.61  exposure 0.00  regions 165.2 ...".
std::string tick_phase_line(const TickResult& result);
/// The machine-readable form of one result.
nlohmann::json to_json(const EnsembleResult& result);
nlohmann::json to_json(const TickResult& result);
/// The suite of `policysim bench`: each workload at 1, 2, ... max_threads threads.
struct SuiteOptions {
  std::filesystem::path scenario_file;  ///< the ensemble's scenario (the baseline)
  int max_threads = 1;
  bool large = false;  ///< add 10^6 regions and a 1000-run ensemble
  bool pin = true;
};
/// One line of the scaling table.
struct ScalingRow {
  std::string workload;  ///< "ensemble" or "tick"
  std::string size;      ///< "200 runs", "1e5 regions"
  int threads = 0;
  Timings seconds;                  ///< per ensemble or per tick
  double rate = 0.0;                ///< runs or region-ticks per second
  std::string rate_unit;            ///< "runs/s" or "region-ticks/s"
  double speedup = 1.0;             ///< rate over the rate at 1 thread
  double ratio_to_reference = 0.0;  ///< run over 64 SpMMs, or tick over one SpMM
  std::uint64_t hash = 0;
  bool hash_matches = true;  ///< same hash as at 1 thread, and across repeats
  nlohmann::json detail;     ///< the full result
};
/// Runs the suite; `progress` is told each row as it finishes (may be empty).
std::vector<ScalingRow> run_scaling_suite(const SuiteOptions& options,
                                          const std::function<void(const ScalingRow&)>& progress);
/// The scaling table as text (then each tick's phases: milliseconds and speed-up over 1 thread),
/// and as JSON (with the context of the machine).
std::string scaling_table(const std::vector<ScalingRow>& rows);
nlohmann::json scaling_json(const std::vector<ScalingRow>& rows);

/// Commit, threads, CPUs, load average and processor: the context every benchmark prints first.
std::string benchmark_context(std::string_view workload, int threads);

}  // namespace policysim::runner
