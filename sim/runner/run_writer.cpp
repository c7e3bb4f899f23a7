#include "sim/runner/run_writer.hpp"

#include <algorithm>
#include <utility>

#include "sim/core/process_info.hpp"

namespace policysim::runner {
namespace {

// What a run holds in memory, near enough to bound a batch: its series and events.
std::size_t held_bytes(const store::RunRecord& run) {
  return sizeof(double) * (run.series.size() + run.region_series.size() + run.outcomes.size()) +
         sizeof(store::Event) * run.events.size();
}

}  // namespace

std::size_t batched_bytes_at_most(std::size_t run_bytes, std::size_t runs, std::size_t workers) {
  // Between two of its hand-overs a worker's batch holds fewer than kBatchRuns runs, and fewer
  // than kBatchBytes: a run that weighs more is written at once.
  const std::size_t per_worker =
      run_bytes >= kBatchBytes ? 0 : std::min((kBatchRuns - 1) * run_bytes, kBatchBytes);
  return std::min(runs * run_bytes, workers * per_worker);
}

RunWriter::~RunWriter() {
  for (Batch& batch : batches_) {
    try {
      write(batch);
    } catch (...) {  // NOLINT(bugprone-empty-catch): the error that stopped the workers stands
    }
  }
}

void RunWriter::submit(store::RunRecord run) {
  Batch& batch = batches_.local();
  batch.bytes += held_bytes(run);
  if (run.wall_seconds > 0.0) batch.seconds += run.wall_seconds;  // NaN adds nothing
  batch.runs.push_back(std::move(run));
  if (batch.runs.size() >= kBatchRuns || batch.bytes >= kBatchBytes ||
      batch.seconds >= kBatchSeconds) {
    write(batch);
  }
}

void RunWriter::finish() {
  for (Batch& batch : batches_) write(batch);
  database_.flush();
}

double RunWriter::cpu_seconds() const {
  double seconds = 0.0;
  for (const Batch& batch : batches_) seconds += batch.cpu_seconds;
  return seconds;
}

void RunWriter::write(Batch& batch) {
  if (batch.runs.empty()) return;
  const double started = core::thread_cpu_seconds();
  batch.bytes = 0;
  batch.seconds = 0.0;
  try {
    for (const store::RunRecord& run : batch.runs) database_.write_run(run);
  } catch (...) {
    batch.runs.clear();  // lost with the database's open group, which its error counts
    throw;
  }
  // Writing, not freeing the runs, which a run costs however it is stored.
  batch.cpu_seconds += core::thread_cpu_seconds() - started;
  batch.runs.clear();
}

}  // namespace policysim::runner
