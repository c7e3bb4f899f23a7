#pragma once
// How workers store their finished runs: each keeps a few and writes them back to back. Written
// right after its run, a run found SQLite's pages and statements evicted from the core's caches
// by the model; written in a batch, all but the first find them there (bench/RESULTS.md, "The
// results writer, fourth round"). The runs stay with the thread that made them, so their memory
// is freed where it was allocated.

#include <cstddef>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// A worker writes its batch once it holds kBatchRuns runs, kBatchBytes of their series and
/// events, or runs that took kBatchSeconds to compute: so a crash loses at most that much work
/// a worker besides the database's own uncommitted group, and a long run is written at once.
constexpr std::size_t kBatchRuns = 16;
constexpr std::size_t kBatchBytes = std::size_t{1} << 20;
constexpr double kBatchSeconds = 1.0;

/// The memory the workers' batches may hold, at most, besides the run each is writing, for
/// `runs` runs of `run_bytes` each on `workers` threads.
std::size_t batched_bytes_at_most(std::size_t run_bytes, std::size_t runs, std::size_t workers);

class RunWriter {
 public:
  explicit RunWriter(store::ResultsDatabase& database) : database_(database) {}
  /// Without finish() (a worker threw), the runs the workers hold are still written, errors
  /// ignored: they are finished results, like those already stored.
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  /// Adds `run` to the calling worker's batch, and writes the batch when it is full. Throws the
  /// StoreError of a batch that cannot be written (the database says how many runs were lost).
  void submit(store::RunRecord run);

  /// Writes every worker's batch and commits. Call it once the workers are done.
  void finish();

  /// The CPU time the threads spent writing batches (not in the final commit).
  double cpu_seconds() const;

 private:
  struct Batch {
    std::vector<store::RunRecord> runs;
    std::size_t bytes = 0;     // their series and events
    double seconds = 0.0;      // their compute time
    double cpu_seconds = 0.0;  // this thread's CPU time in writing its batches
  };
  void write(Batch& batch);

  store::ResultsDatabase& database_;
  tbb::enumerable_thread_specific<Batch> batches_;
};

}  // namespace policysim::runner
