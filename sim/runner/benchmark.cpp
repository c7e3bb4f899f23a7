// The benchmark workloads (see benchmark.hpp). Timings are medians of several samples because the
// machines are shared; each model figure is taken next to its reference kernels, in the same
// arena and the same process, so that their ratio is what a reader compares across machines.

#include "sim/runner/benchmark.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "sim/core/network.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/state.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/synthetic_country.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

// W_fd comes from district sums in the model and has no edges. The matrix is written row by row,
// in column order, straight into its arrays: edge lists and per-layer matrices would take several
// times its size for a moment (about 1.3 GB more at 10^7 regions).
core::Network reference_network(const model::StaticWorld& fixed, const model::RunDraws& draws,
                                const model::Params& params) {
  const std::size_t n = fixed.region_count;
  const double w_geo = params.w_geo, w_ngo = params.w_ngo;
  core::Network::Matrix matrix(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  matrix.reserve(static_cast<Eigen::Index>(fixed.geo.entry_count() + draws.tie_neighbour.size()));
  std::vector<std::pair<std::uint32_t, double>> row;  // (column, weight), merged per column
  for (std::size_t r = 0; r < n; ++r) {
    row.clear();
    const double land_weight = w_geo * fixed.geo.neighbour_weight(r);
    for (const std::uint32_t s : fixed.geo.neighbours(r)) row.emplace_back(s, land_weight);
    for (std::uint32_t e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      row.emplace_back(draws.tie_neighbour[e], w_ngo);
    }
    std::sort(row.begin(), row.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    matrix.startVec(static_cast<Eigen::Index>(r));
    for (std::size_t i = 0; i < row.size();) {
      // A column given more than once (a land neighbour that is also tied) is one entry.
      const std::uint32_t column = row[i].first;
      double weight = 0.0;
      for (; i < row.size() && row[i].first == column; ++i) weight += row[i].second;
      matrix.insertBack(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(column)) = weight;
    }
  }
  matrix.finalize();
  return core::Network(std::move(matrix));
}

namespace {

using Clock = std::chrono::steady_clock;

// Results of the reference kernels land here, so that the compiler cannot drop them.
volatile double benchmark_sink = 0.0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Pins each thread entering the arena to one CPU (slot i -> i-th allowed CPU) and gives it back
// the process's mask when it leaves, so that workers serving other arenas later are not bound.
class PinningObserver : public tbb::task_scheduler_observer {
 public:
  PinningObserver(tbb::task_arena& arena, const cpu_set_t& process_mask)
      : tbb::task_scheduler_observer(arena), process_mask_(process_mask) {
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &process_mask_)) cpus_.push_back(cpu);
    }
    observe(true);
  }
  ~PinningObserver() override { observe(false); }

  void on_scheduler_entry(bool /*worker*/) override {
    if (cpus_.empty()) return;
    const int slot = tbb::this_task_arena::current_thread_index();
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpus_[static_cast<std::size_t>(slot) % cpus_.size()], &one);
    pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
  }
  void on_scheduler_exit(bool /*worker*/) override {
    pthread_setaffinity_np(pthread_self(), sizeof(process_mask_), &process_mask_);
  }

 private:
  cpu_set_t process_mask_;
  std::vector<int> cpus_;
};

// A fresh directory under the system's temporary directory, removed with everything in it.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("policysim-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The reference kernels, on buffers allocated once.
class ReferenceKernels {
 public:
  using Dense5 = Eigen::Matrix<double, Eigen::Dynamic, 5, Eigen::RowMajor>;

  ReferenceKernels(core::Network network, std::size_t triad_doubles)
      : network_(std::move(network)),
        x_(Dense5::Constant(static_cast<Eigen::Index>(network_.node_count()), 5, 0.5)),
        y_(Dense5::Zero(static_cast<Eigen::Index>(network_.node_count()), 5)),
        a_(triad_doubles, 0.0),
        b_(triad_doubles, 1.0),
        c_(triad_doubles, 2.0) {
    for (Eigen::Index r = 0; r < x_.rows(); ++r) {
      for (Eigen::Index k = 0; k < 5; ++k) x_(r, k) = static_cast<double>((r * 5 + k) % 17) / 16.0;
    }
  }

  /// Seconds of one Y = W X, parallel over blocks of rows, averaged over `calls` calls.
  double spmm_seconds(int calls) {
    const auto& matrix = network_.matrix();
    const auto rows = static_cast<std::size_t>(matrix.rows());
    const auto start = Clock::now();
    for (int call = 0; call < calls; ++call) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, 4096), [&](const auto& range) {
        const auto first = static_cast<Eigen::Index>(range.begin());
        const auto count = static_cast<Eigen::Index>(range.size());
        y_.middleRows(first, count).noalias() = matrix.middleRows(first, count) * x_;
      });
    }
    return seconds_since(start) / calls;
  }

  /// Seconds of one STREAM triad a = b + s c, parallel.
  double triad_seconds() {
    const double scalar = 3.0;
    const auto start = Clock::now();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, a_.size(), 16384), [&](const auto& range) {
      double* a = a_.data();
      const double* b = b_.data();
      const double* c = c_.data();
      for (std::size_t i = range.begin(); i != range.end(); ++i) a[i] = b[i] + scalar * c[i];
    });
    return seconds_since(start);
  }

  std::size_t nonzeros() const { return network_.edge_count(); }
  std::size_t triad_doubles() const { return a_.size(); }
  /// A value that depends on the results, so that the kernels cannot be optimised away.
  double checksum() const { return y_.sum() + a_[a_.size() / 2]; }

 private:
  core::Network network_;
  Dense5 x_, y_;
  std::vector<double> a_, b_, c_;
};

std::uint64_t run_hash(const model::RunOutput& output) {
  OutputHash hash;
  hash.add(output.series);
  hash.add(output.outcomes);
  hash.add(static_cast<std::uint64_t>(output.events.size()));
  return hash.value();
}

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
                       model::Targets targets, double intensity) {
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
  using Kind = model::Targets::Kind;
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

// Counts below one would leave a benchmark without a sample (or without its reference kernels).
void require_at_least_one(long long count, const char* what) {
  if (count < 1) {
    throw std::invalid_argument(std::string("a benchmark needs at least one ") + what + ", got " +
                                std::to_string(count));
  }
}

}  // namespace

double Timings::median() const {
  if (seconds.empty()) return 0.0;
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t middle = sorted.size() / 2;
  return sorted.size() % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
}
double Timings::min() const {
  return seconds.empty() ? 0.0 : *std::min_element(seconds.begin(), seconds.end());
}
double Timings::max() const {
  return seconds.empty() ? 0.0 : *std::max_element(seconds.begin(), seconds.end());
}

void OutputHash::add(std::uint64_t word) {
  hash_ = (hash_ ^ word) * core::kFnv1a64Prime;
  hash_ ^= hash_ >> 32;
}
void OutputHash::add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
void OutputHash::add(const std::vector<double>& values) {
  for (double value : values) add(value);
}

void run_in_arena(int threads, bool pin, const std::function<void()>& body) {
  require_at_least_one(threads, "thread");
  const auto count = static_cast<std::size_t>(threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, count);
  tbb::task_arena arena(threads);
  arena.initialize();
  std::unique_ptr<PinningObserver> observer;
  cpu_set_t process_mask;
  CPU_ZERO(&process_mask);
  if (pin && sched_getaffinity(0, sizeof(process_mask), &process_mask) == 0) {
    observer = std::make_unique<PinningObserver>(arena, process_mask);
  }
  arena.execute(body);
}

int available_cpus() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) != 0) return 1;
  return std::max(1, CPU_COUNT(&mask));
}

std::size_t current_rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return pages_resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::size_t peak_rss_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

double ReferenceTimings::triad_bytes_per_second() const {
  const double seconds = triad.median();
  return seconds > 0.0 ? 3.0 * 8.0 * static_cast<double>(triad_doubles) / seconds : 0.0;
}

double EnsembleResult::runs_per_second() const {
  const double median_seconds = seconds.median();
  return median_seconds > 0.0 ? replications / median_seconds : 0.0;
}

double EnsembleResult::write_share() const {
  const double worker_seconds = seconds.median() * threads;
  return worker_seconds > 0.0 ? write_seconds.median() / worker_seconds : 0.0;
}

double EnsembleResult::ratio_to_spmm() const {
  // Core-seconds of one run over the seconds of one SpMM per tick on the same network.
  const double per_run = seconds.median() * threads / replications;
  const double spmm_per_run = reference.spmm.median() * ticks;
  return spmm_per_run > 0.0 ? per_run / spmm_per_run : 0.0;
}

EnsembleResult run_ensemble_benchmark(const EnsembleOptions& options) {
  require_at_least_one(options.replications, "replication");
  require_at_least_one(options.repeats, "repeat");
  const scenario::Scenario scenario = scenario::load_scenario(options.scenario_file);
  const model::Country country = scenario::load_country(scenario);
  const std::vector<std::string> quarters = quarter_labels(scenario.config);

  EnsembleResult result;
  result.replications = options.replications;
  result.threads = options.threads;
  result.ticks = scenario.config.tick_count();
  result.regions = country.region_count();
  const auto reps = static_cast<std::size_t>(options.replications);

  run_in_arena(options.threads, options.pin, [&] {
    // The reference network: this scenario's, with the tie pattern of the first replicate.
    model::Simulation probe(scenario.config, country);
    model::RunOutput probe_output;
    probe.start(replicate_seed(options.seed, 0), {}, probe_output);
    ReferenceKernels kernels(
        reference_network(probe.static_world(), probe.draws(), scenario.config.params),
        std::size_t{1} << 22);
    result.reference.spmm_nonzeros = kernels.nonzeros();
    result.reference.triad_doubles = kernels.triad_doubles();

    for (int repeat = 0; repeat < options.repeats; ++repeat) {
      TemporaryDirectory directory;
      std::optional<store::ResultsDatabase> db = store::ResultsDatabase::open(
          directory.path() / "results.sqlite", results_schema(), scenario.name, "benchmark");
      db->write_regions(country.codes, country.names, district_of_each_region(country));
      std::vector<std::uint64_t> hashes(reps, 0);
      const auto started = Clock::now();
      // One Simulation (one network, one set of buffers) per worker, reused across its runs.
      tbb::enumerable_thread_specific<std::unique_ptr<model::Simulation>> pool(
          [&] { return std::make_unique<model::Simulation>(scenario.config, country); });
      tbb::enumerable_thread_specific<double> writing(0.0);  // each worker's seconds in write_run
      const model::RunOptions run_options{false, false};
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, reps, 1), [&](const auto& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const int replicate = static_cast<int>(i);
          const std::uint64_t seed = replicate_seed(options.seed, replicate);
          const auto run_started = Clock::now();
          auto output = pool.local()->run(seed, run_options);
          hashes[i] = run_hash(output);
          auto record = to_record(std::move(output), "base", replicate, seed,
                                  seconds_since(run_started), quarters);
          const auto write_started = Clock::now();
          db->write_run(record);
          writing.local() += seconds_since(write_started);
        }
      });
      // Committing the last runs and closing (which checkpoints the log into the database file)
      // are part of writing the results.
      const auto closing = Clock::now();
      db->flush();
      db.reset();
      result.seconds.seconds.push_back(seconds_since(started));
      result.write_seconds.seconds.push_back(seconds_since(closing) +
                                             std::accumulate(writing.begin(), writing.end(), 0.0));
      OutputHash folded;
      for (std::uint64_t h : hashes) folded.add(h);
      if (repeat > 0 && folded.value() != result.hash) result.hash_stable = false;
      result.hash = folded.value();
      // The references right after, under the same load: one SpMM per tick of a run.
      for (int sample = 0; sample < 5; ++sample) {
        result.reference.spmm.seconds.push_back(kernels.spmm_seconds(result.ticks));
        result.reference.triad.seconds.push_back(kernels.triad_seconds());
      }
    }
    benchmark_sink = kernels.checksum();
  });
  return result;
}

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
    benchmark_sink = kernels->checksum();
  });
  result.peak_rss_bytes = peak_rss_bytes();
  return result;
}

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(value));
  return text;
}

namespace {

std::string format(const char* pattern, auto... values) {
  char line[512];
  std::snprintf(line, sizeof(line), pattern, values...);
  return line;
}

double mebibytes(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

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

std::string ensemble_table_header() {
  return format("%8s %7s %9s %19s %9s %11s %8s %9s %9s %9s  %-16s", "runs", "threads", "median_s",
                "range_s", "runs/s", "ms/run/core", "write_%", "spmm_us", "run/spmm", "triad_GB/s",
                "hash");
}

std::string ensemble_table_row(const EnsembleResult& r) {
  const double ms_per_run_core =
      1e3 * r.seconds.median() * r.threads / static_cast<double>(r.replications);
  return format("%8d %7d %9.3f %9.3f-%-9.3f %9.1f %11.3f %8.1f %9.2f %9.0f %9.2f  %s%s",
                r.replications, r.threads, r.seconds.median(), r.seconds.min(), r.seconds.max(),
                r.runs_per_second(), ms_per_run_core, 100.0 * r.write_share(),
                1e6 * r.reference.spmm.median(), r.ratio_to_spmm(),
                r.reference.triad_bytes_per_second() / 1e9, hex64(r.hash).c_str(),
                r.hash_stable ? "" : " UNSTABLE");
}

std::string tick_table_header() {
  return format("%9s %9s %10s %7s %10s %19s %8s %7s %9s %8s %8s %8s %9s %9s  %-16s", "regions",
                "ngos", "edges", "threads", "median_ms", "range_ms", "Mrt/s", "ns/rt", "spmm_ms",
                "tick/spmm", "GB/s", "t/triad", "B/region", "peak_MiB", "hash");
}

std::string tick_phase_line(const TickResult& r) {
  std::string line = "  phases (ms a tick):";
  for (std::size_t i = 0; i < r.phase_seconds.size(); ++i) {
    line += format("  %s %.2f", model::tick_phases()[i].name, r.phase_ms(i));
  }
  return line;
}

std::string tick_table_row(const TickResult& r) {
  // Model memory per region, and the budget 256 B per region + 16 B per edge.
  const double bytes_per_region =
      static_cast<double>(r.rss_model_bytes) / static_cast<double>(r.regions);
  return format(
      "%9zu %9zu %10zu %7d %10.3f %9.3f-%-9.3f %8.2f %7.1f %9.3f %8.2f %8.2f %8.1f %9.0f "
      "%9.0f  %s%s",
      r.regions, r.ngos, r.edges, r.threads, 1e3 * r.tick_seconds.median(),
      1e3 * r.tick_seconds.min(), 1e3 * r.tick_seconds.max(), r.region_ticks_per_second() / 1e6,
      r.ns_per_region_tick(), 1e3 * r.reference.spmm.median(), r.ratio_to_spmm(),
      r.reference.triad_bytes_per_second() / 1e9, r.ratio_to_triad(), bytes_per_region,
      mebibytes(r.peak_rss_bytes), hex64(r.hash).c_str(), r.hash_stable ? "" : " UNSTABLE");
}

nlohmann::json to_json(const EnsembleResult& r) {
  return {{"workload", "ensemble"},
          {"replications", r.replications},
          {"regions", r.regions},
          {"ticks", r.ticks},
          {"threads", r.threads},
          {"seconds", timings_json(r.seconds)},
          {"runs_per_second", r.runs_per_second()},
          {"write_seconds", timings_json(r.write_seconds)},
          {"write_share", r.write_share()},
          {"spmm_seconds", timings_json(r.reference.spmm)},
          {"spmm_nonzeros", r.reference.spmm_nonzeros},
          {"triad_bytes_per_second", r.reference.triad_bytes_per_second()},
          {"run_over_spmm", r.ratio_to_spmm()},
          {"hash", hex64(r.hash)},
          {"hash_stable", r.hash_stable}};
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

std::string benchmark_context(std::string_view workload, int threads) {
  double load[3] = {0.0, 0.0, 0.0};
  if (getloadavg(load, 3) < 0) load[0] = load[1] = load[2] = -1.0;
  std::string line = "bench ";
  line.append(workload);
  line.append(format("  commit %s  threads %d  cpus %d  load %.2f %.2f %.2f", POLICYSIM_GIT_COMMIT,
                     threads, available_cpus(), load[0], load[1], load[2]));
  line.append("  cpu " + cpu_model());
  return line;
}

std::vector<ScalingRow> run_scaling_suite(const SuiteOptions& options,
                                          const std::function<void(const ScalingRow&)>& progress) {
  std::vector<ScalingRow> rows;
  const auto finish = [&](ScalingRow row) {
    // Speed-up and determinism against the same workload at 1 thread (the first row of it).
    for (const ScalingRow& first : rows) {
      if (first.workload == row.workload && first.size == row.size && first.threads == 1) {
        row.speedup = first.rate > 0.0 ? row.rate / first.rate : 0.0;
        row.hash_matches = row.hash_matches && row.hash == first.hash;
        break;
      }
    }
    if (progress) progress(row);
    rows.push_back(std::move(row));
  };
  const auto ensemble = [&](int replications, int repeats) {
    for (int threads = 1; threads <= options.max_threads; ++threads) {
      EnsembleOptions ensemble_options;
      ensemble_options.scenario_file = options.scenario_file;
      ensemble_options.replications = replications;
      ensemble_options.repeats = repeats;
      ensemble_options.threads = threads;
      ensemble_options.pin = options.pin;
      const EnsembleResult result = run_ensemble_benchmark(ensemble_options);
      finish({"ensemble", std::to_string(replications) + " runs", threads, result.seconds,
              result.runs_per_second(), "runs/s", 1.0, result.ratio_to_spmm(), result.hash,
              result.hash_stable, to_json(result)});
    }
  };
  const auto tick = [&](std::size_t regions, int ticks, int repeats, const char* label) {
    for (int threads = 1; threads <= options.max_threads; ++threads) {
      TickOptions tick_options;
      tick_options.regions = regions;
      tick_options.ticks = ticks;
      tick_options.repeats = repeats;
      tick_options.threads = threads;
      tick_options.pin = options.pin;
      const TickResult result = run_tick_benchmark(tick_options);
      finish({"tick", label, threads, result.tick_seconds, result.region_ticks_per_second(),
              "region-ticks/s", 1.0, result.ratio_to_spmm(), result.hash, result.hash_stable,
              to_json(result)});
    }
  };
  ensemble(200, 5);
  tick(1000, 16, 5, "1e3 regions");
  tick(100000, 16, 3, "1e5 regions");
  if (options.large) {
    ensemble(1000, 3);
    tick(1000000, 8, 2, "1e6 regions");
  }
  return rows;
}

namespace {

// Each tick row's phases: milliseconds a tick and, above 1 thread, the speed-up over the same
// workload at 1 thread, phase by phase: which phase stops scaling as threads are added.
std::string phase_table(const std::vector<ScalingRow>& rows) {
  std::string text;
  for (const ScalingRow& row : rows) {
    if (row.workload != "tick" || !row.detail.contains("phase_ms")) continue;
    const auto first = std::find_if(rows.begin(), rows.end(), [&row](const ScalingRow& other) {
      return other.workload == row.workload && other.size == row.size && other.threads == 1;
    });
    if (text.empty()) text = "\nphases of a tick: ms a tick (speed-up over 1 thread)\n";
    text += format("%-12s %7d ", row.size.c_str(), row.threads);
    for (const model::TickPhase& phase : model::tick_phases()) {
      const double ms = row.detail["phase_ms"].value(phase.name, 0.0);
      text += format("  %s %.3f", phase.name, ms);
      if (row.threads > 1 && first != rows.end()) {
        const double one_thread = first->detail["phase_ms"].value(phase.name, 0.0);
        if (ms > 0.0 && one_thread > 0.0) text += format(" (%.2fx)", one_thread / ms);
      }
    }
    text += "\n";
  }
  return text;
}

// Each ensemble row's share of the workers' time spent writing results. Runs are written by one
// writer at a time, so the share at 1 thread tells how many workers that writer keeps up with
// (its inverse), and a share that grows with the threads shows workers waiting for it.
std::string writer_table(const std::vector<ScalingRow>& rows) {
  std::string text;
  for (const ScalingRow& row : rows) {
    if (row.workload != "ensemble" || !row.detail.contains("write_share")) continue;
    const double share = row.detail["write_share"].get<double>();
    if (text.empty()) {
      text = "\nresults writer: share of the workers' time spent writing runs (waits included)\n";
    }
    text += format("%-12s %7d   %.1f %%", row.size.c_str(), row.threads, 100.0 * share);
    if (row.threads == 1 && share > 0.0) {
      text += format("  (one writer keeps up with about %.0f workers)", 1.0 / share);
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::string scaling_table(const std::vector<ScalingRow>& rows) {
  std::string text =
      format("%-9s %-12s %7s %12s %25s %14s %-15s %8s %9s  %-16s %s\n", "workload", "size",
             "threads", "median_s", "range_s", "rate", "unit", "speedup", "x_ref", "hash", "check");
  for (const ScalingRow& row : rows) {
    text += format("%-9s %-12s %7d %12.6f %12.6f-%-12.6f %14.4g %-15s %8.2f %9.2f  %s %s\n",
                   row.workload.c_str(), row.size.c_str(), row.threads, row.seconds.median(),
                   row.seconds.min(), row.seconds.max(), row.rate, row.rate_unit.c_str(),
                   row.speedup, row.ratio_to_reference, hex64(row.hash).c_str(),
                   row.hash_matches ? "ok" : "MISMATCH");
  }
  return text + writer_table(rows) + phase_table(rows);
}

nlohmann::json scaling_json(const std::vector<ScalingRow>& rows) {
  nlohmann::json results = nlohmann::json::array();
  bool deterministic = true;
  for (const ScalingRow& row : rows) {
    nlohmann::json entry = row.detail;
    entry["size"] = row.size;
    entry["rate"] = row.rate;
    entry["rate_unit"] = row.rate_unit;
    entry["speedup"] = row.speedup;
    entry["ratio_to_reference"] = row.ratio_to_reference;
    entry["hash_matches"] = row.hash_matches;
    deterministic = deterministic && row.hash_matches;
    results.push_back(std::move(entry));
  }
  double load[3] = {0.0, 0.0, 0.0};
  if (getloadavg(load, 3) < 0) load[0] = load[1] = load[2] = -1.0;
  return {{"commit", POLICYSIM_GIT_COMMIT}, {"cpu_model", cpu_model()},
          {"cpus", available_cpus()},       {"load_average", {load[0], load[1], load[2]}},
          {"deterministic", deterministic}, {"results", std::move(results)}};
}

}  // namespace policysim::runner
