#include "sim/mpi/mpi_calibration_dispatch.hpp"

#include <mpi.h>

#include <array>
#include <string>
#include <thread>
#include <vector>

#include "sim/mpi/idle_poll.hpp"

namespace policysim::mpi {
namespace {

// A batch travels as its sizes, then its names (each ended by '\0'), then its parameter values
// (proposal-major).
enum SizeField { kProposals, kNameChars, kDimension, kSizeFields };

/// Waits for `request` to complete, sleeping kIdlePoll between tests.
void wait_idly(MPI_Request& request) {
  int done = 0;
  MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  while (done == 0) {
    std::this_thread::sleep_for(kIdlePoll);
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  }
}

/// The broadcast of a batch from rank 0, as it travels.
struct Message {
  std::array<long long, kSizeFields> sizes{};
  std::string names;
  std::vector<double> values;
};

/// Broadcasts rank 0's `message` to every rank, where it replaces `message`. Another rank waits
/// for it without spinning (wait_idly): rank 0 may take a while between batches.
void broadcast(Message& message) {
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibcast(message.sizes.data(), kSizeFields, MPI_LONG_LONG, 0, MPI_COMM_WORLD, &request);
  wait_idly(request);
  const auto proposals = static_cast<std::size_t>(message.sizes[kProposals]);
  const auto dimension = static_cast<std::size_t>(message.sizes[kDimension]);
  message.names.resize(static_cast<std::size_t>(message.sizes[kNameChars]));
  message.values.resize(proposals * dimension);
  MPI_Bcast(message.names.data(), static_cast<int>(message.names.size()), MPI_CHAR, 0,
            MPI_COMM_WORLD);
  MPI_Bcast(message.values.data(), static_cast<int>(message.values.size()), MPI_DOUBLE, 0,
            MPI_COMM_WORLD);
}

/// Rank 0: broadcasts `batch`.
void send(const runner::ProposalBatch& batch) {
  Message message;
  for (const auto& name : batch.names) message.names.append(name).push_back('\0');
  for (const auto& theta : batch.thetas) {
    message.values.insert(message.values.end(), theta.begin(), theta.end());
  }
  message.sizes[kProposals] = static_cast<long long>(batch.names.size());
  message.sizes[kNameChars] = static_cast<long long>(message.names.size());
  message.sizes[kDimension] =
      batch.thetas.empty() ? 0 : static_cast<long long>(batch.thetas[0].size());
  broadcast(message);
}

/// Another rank: the batch rank 0 broadcasts next.
runner::ProposalBatch receive() {
  Message message;
  broadcast(message);
  runner::ProposalBatch batch;
  const auto dimension = static_cast<std::size_t>(message.sizes[kDimension]);
  for (std::size_t begin = 0; begin < message.names.size();) {
    const std::size_t end = message.names.find('\0', begin);
    const auto first = message.values.begin() + static_cast<long>(batch.names.size() * dimension);
    batch.names.push_back(message.names.substr(begin, end - begin));
    batch.thetas.emplace_back(first, first + static_cast<long>(dimension));
    begin = end + 1;
  }
  return batch;
}

}  // namespace

MpiCalibrationDispatch::MpiCalibrationDispatch(int rank, int ranks) : jobs_(rank, ranks) {}

store::ResultsDatabase& MpiCalibrationDispatch::open(
    const std::filesystem::path& calibration_database,
    const runner::SweepDispatch::OpenDatabase& open_database, std::ostream& log) {
  return jobs_.open(calibration_database, open_database, log);
}

runner::BatchResult MpiCalibrationDispatch::run(const runner::ProposalBatch& batch,
                                                runner::ReplicationRunner& runner,
                                                std::span<const runner::Job> jobs,
                                                std::ostream& log,
                                                const runner::ReplicationRunner::JudgeRun& judge) {
  send(batch);
  // All the batch's jobs at once, then none: MpiDispatch hands them out in blocks.
  bool handed = false;
  const auto next_jobs = [&] {
    if (handed) return std::vector<runner::Job>();
    handed = true;
    return std::vector<runner::Job>(jobs.begin(), jobs.end());
  };
  return jobs_.run(runner, next_jobs, jobs.size(), true, log, judge);
}

void MpiCalibrationDispatch::finish() {
  send(runner::ProposalBatch{});
  jobs_.collect();
}

runner::BatchResult MpiCalibrationDispatch::serve(
    const MakeRunner& make_runner, std::ostream& log,
    const runner::ReplicationRunner::JudgeRun& judge) {
  runner::BatchResult total;
  for (auto batch = receive(); !batch.names.empty(); batch = receive()) {
    const auto runner = make_runner(batch, jobs_.reopen());
    total += jobs_.run(*runner, {}, 0, true, log, judge);
  }
  jobs_.collect();
  return total;
}

}  // namespace policysim::mpi
