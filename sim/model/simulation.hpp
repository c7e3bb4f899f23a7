#pragma once
// The model's public entry point: build a Simulation once per configuration (and per worker
// thread), then run it for many seeds. Runs reuse the Simulation's buffers (and the output's, given
// one to fill): a run allocates only where it needs more room than the runs before it (a larger
// random tie pattern, more events, longer names), so the same run again allocates nothing.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "sim/model/config.hpp"
#include "sim/model/output.hpp"

namespace policysim::model {

struct StaticWorld;
struct RunDraws;
struct RunState;

/// Names of the national series, in the order of a row of RunOutput::series.
std::span<const std::string_view> series_metric_names();
/// Names of the regional series, in the order of a region's cell of RunOutput::region_series.
std::span<const std::string_view> region_metric_names();
/// Names of the per-run outcomes, in the order of RunOutput::outcomes.
std::span<const std::string_view> outcome_names();

/// One configured model. Not thread-safe: give each worker thread its own (moving is cheap).
class Simulation {
 public:
  /// Builds everything that does not depend on the seed. Throws std::invalid_argument on an
  /// inconsistent configuration or country.
  Simulation(const Config& config, const Country& country);
  ~Simulation();
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Runs the model for one seed. The same seed gives the same bits at any thread count. Throws
  /// NonFiniteState (numeric_guard.hpp) when a number of the state becomes NaN or infinite.
  RunOutput run(std::uint64_t seed, const RunOptions& options = {});
  /// As run(), writing into `output` so that a caller can reuse its buffers.
  void run(std::uint64_t seed, const RunOptions& options, RunOutput& output);

  /// Starts a run of `seed` without running its ticks, for callers that step through it (a
  /// benchmark timing ticks, a test comparing states): draws the run's quantities, sets its initial
  /// state and sizes the series of `output`, which its ticks fill (`output` must outlive the run).
  void start(std::uint64_t seed, const RunOptions& options, RunOutput& output);
  /// Runs the next tick of the started run. Given `phase_seconds` (one slot a phase of
  /// tick_phases(), phases/phases.hpp), adds each phase's wall time to its slot; the results are
  /// the same. Unlike run(), does not check the state for NaN. Throws std::logic_error when no run
  /// was started or all its ticks have run.
  void step(std::span<double> phase_seconds = {});
  /// Ticks run since start().
  int ticks_run() const;
  /// Ends the started run: names its events and computes its outcomes into its output.
  void finish();

  /// Quarters per run.
  int tick_count() const;
  /// Regions of the country.
  std::size_t region_count() const;
  /// The state of the current (or last) run, after its last tick.
  const RunState& state() const;
  /// The draws of the current (or last) run: traits, event thresholds, targets, tie pattern.
  const RunDraws& draws() const;
  /// The seed-independent part of the world.
  const StaticWorld& static_world() const;

 private:
  /// Repeats the run of `seed` to find where its state first became NaN or infinite at `tick`
  /// and throws NonFiniteState saying so.
  [[noreturn]] void throw_non_finite(std::uint64_t seed, int tick);

  struct State;
  std::unique_ptr<State> state_;
};

/// Moran's I of `values` on the row-normalised land adjacency of `world`; NaN when undefined
/// (no land edges, or no variance).
double morans_i(const StaticWorld& world, std::span<const double> values);

}  // namespace policysim::model
