#include "sim/mpi/mpi_dispatch.hpp"

#include <mpi.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

#include "sim/core/progress.hpp"
#include "sim/mpi/idle_poll.hpp"
#include "sim/runner/rank_databases.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/sweep_blocks.hpp"

namespace policysim::mpi {
namespace {

// A rank asks rank 0 for work with a Request; rank 0 answers with a block of jobs, as (point,
// replicate) pairs, none meaning that there is no more.
constexpr int kRequestTag = 1;
constexpr int kBlockTag = 2;

// A request: the asker's threads, what its previous block did (BatchResult), and whether a
// signal asked it to stop (then it is its last, and gets no answer).
enum RequestField { kThreads, kWritten, kFailed, kFailedStored, kDropped, kStopping, kFields };
using Request = std::array<long long, kFields>;

int rank_threads() {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

void add(runner::BatchResult& total, const runner::BatchResult& batch) {
  total.written += batch.written;
  total.failed += batch.failed;
  total.failed_stored += batch.failed_stored;
  total.dropped += batch.dropped;
}

}  // namespace

MpiDispatch::MpiDispatch(int rank, int ranks) : rank_(rank), ranks_(ranks) {}

store::ResultsDatabase& MpiDispatch::open(const std::filesystem::path& sweep_database,
                                          const OpenDatabase& open_database, std::ostream& log) {
  if (rank_ == 0) {
    database_.emplace(open_database(sweep_database));
    runner::take_in_stopped_job(*database_, log);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  sweep_database_ = sweep_database;
  open_database_ = open_database;
  if (rank_ != 0) reopen();
  return *database_;
}

store::ResultsDatabase& MpiDispatch::reopen() {
  if (!database_) database_.emplace(open_database_(runner::rank_database(sweep_database_, rank_)));
  return *database_;
}

runner::BatchResult MpiDispatch::run(runner::ReplicationRunner& runner, const NextJobs& next_jobs,
                                     std::size_t job_count, bool quiet, std::ostream& log,
                                     const runner::ReplicationRunner::JudgeRun& judge) {
  const runner::BatchResult done = rank_ == 0
                                       ? hand_out(runner, next_jobs, job_count, quiet, log, judge)
                                       : work(runner, log, judge);
  collect();
  return done;
}

void MpiDispatch::collect() {
  if (rank_ != 0) {
    database_.reset();  // closed, its log checkpointed into the file, for rank 0 to read
    MPI_Barrier(MPI_COMM_WORLD);
    return;
  }
  MPI_Barrier(MPI_COMM_WORLD);  // every other rank has closed its database
  runner::take_in_rank_databases(*database_);
}

runner::BatchResult MpiDispatch::hand_out(runner::ReplicationRunner& runner,
                                          const NextJobs& next_jobs, std::size_t job_count,
                                          bool quiet, std::ostream& log,
                                          const runner::ReplicationRunner::JudgeRun& judge) {
  std::unique_ptr<core::Progress> progress;
  if (!quiet) progress = std::make_unique<core::Progress>("runs", job_count);
  std::mutex mutex;                  // guards the jobs in hand, handed, total, by_rank and failure
  std::vector<runner::Job> in_hand;  // the block next_jobs gave last, handed out from `next` on
  std::size_t next = 0;
  std::size_t handed = 0;  // jobs handed out so far, of job_count
  runner::BatchResult total;
  std::vector<long long> by_rank(static_cast<std::size_t>(ranks_), 0);  // jobs each rank ran
  std::exception_ptr failure;
  // A copy: the jobs in hand are replaced by next_jobs' next block while a rank runs its own.
  const auto take_block = [&](int threads) {
    std::lock_guard lock(mutex);
    if (runner::stop_signal() != 0 || failure) return std::vector<runner::Job>();
    if (next == in_hand.size()) {
      in_hand = next_jobs();
      next = 0;
    }
    const std::size_t remaining = job_count > handed ? job_count - handed : in_hand.size() - next;
    const std::size_t size =
        std::min(runner::sweep_block_size(remaining, ranks_, threads), in_hand.size() - next);
    std::vector<runner::Job> block(in_hand.begin() + static_cast<long>(next),
                                   in_hand.begin() + static_cast<long>(next + size));
    next += size;
    handed += size;
    return block;
  };
  const auto count = [&](int rank, const runner::BatchResult& batch) {
    {
      std::lock_guard lock(mutex);
      add(total, batch);
      by_rank[static_cast<std::size_t>(rank)] += batch.written + batch.failed;
    }
    if (progress) {
      progress->advance(static_cast<std::uint64_t>(batch.written) +
                        static_cast<std::uint64_t>(batch.failed) +
                        static_cast<std::uint64_t>(batch.dropped));
    }
  };

  // Rank 0's own share, on its threads, beside the main thread that answers the others.
  std::thread own_share([&] {
    try {
      const int threads = rank_threads();
      for (auto block = take_block(threads); !block.empty(); block = take_block(threads)) {
        count(0, runner.run(block, true, log, judge));
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      failure = std::current_exception();
    }
  });

  int asking = ranks_ - 1;  // ranks that have not been told there is no more
  while (asking > 0) {
    {
      std::lock_guard lock(mutex);
      if (failure) break;
    }
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) {
      std::this_thread::sleep_for(kIdlePoll);
      continue;
    }
    Request request{};
    MPI_Recv(request.data(), kFields, MPI_LONG_LONG, status.MPI_SOURCE, kRequestTag, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    count(status.MPI_SOURCE,
          {static_cast<int>(request[kWritten]), static_cast<int>(request[kFailed]),
           static_cast<int>(request[kFailedStored]), static_cast<int>(request[kDropped])});
    if (request[kStopping] != 0) {
      --asking;
      continue;
    }
    const auto block = take_block(static_cast<int>(request[kThreads]));
    std::vector<long long> pairs;
    pairs.reserve(2 * block.size());
    for (const runner::Job& job : block) {
      pairs.push_back(static_cast<long long>(job.arm));
      pairs.push_back(job.replicate);
    }
    MPI_Send(pairs.data(), static_cast<int>(pairs.size()), MPI_LONG_LONG, status.MPI_SOURCE,
             kBlockTag, MPI_COMM_WORLD);
    if (block.empty()) --asking;
  }
  own_share.join();
  if (failure) std::rethrow_exception(failure);
  if (progress) progress->finish();
  log << "policysim: " << total.written + total.failed << " runs on " << ranks_ << " ranks:";
  for (std::size_t rank = 0; rank < by_rank.size(); ++rank) {
    log << (rank == 0 ? " " : ", ") << by_rank[rank] << " on rank " << rank;
  }
  log << '\n';
  return total;
}

runner::BatchResult MpiDispatch::work(runner::ReplicationRunner& runner, std::ostream& log,
                                      const runner::ReplicationRunner::JudgeRun& judge) {
  runner::BatchResult total;
  Request request{};
  request[kThreads] = rank_threads();
  std::vector<long long> pairs;
  std::vector<runner::Job> block;
  while (true) {
    request[kStopping] = runner::stop_signal() != 0 ? 1 : 0;
    MPI_Send(request.data(), kFields, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
    if (request[kStopping] != 0) break;
    MPI_Status status;
    MPI_Probe(0, kBlockTag, MPI_COMM_WORLD, &status);
    int size = 0;
    MPI_Get_count(&status, MPI_LONG_LONG, &size);
    pairs.resize(static_cast<std::size_t>(size));
    MPI_Recv(pairs.data(), size, MPI_LONG_LONG, 0, kBlockTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (pairs.empty()) break;
    block.clear();
    for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
      block.push_back({static_cast<std::size_t>(pairs[i]), static_cast<int>(pairs[i + 1])});
    }
    const runner::BatchResult batch = runner.run(block, true, log, judge);
    add(total, batch);
    request[kWritten] = batch.written;
    request[kFailed] = batch.failed;
    request[kFailedStored] = batch.failed_stored;
    request[kDropped] = batch.dropped;
  }
  return total;
}

}  // namespace policysim::mpi
