#include "sim/runner/calibration_dispatch.hpp"

#include <stdexcept>

namespace policysim::runner {

store::ResultsDatabase& LocalCalibrationDispatch::open(
    const std::filesystem::path& calibration_database,
    const SweepDispatch::OpenDatabase& open_database, std::ostream& log) {
  return jobs_.open(calibration_database, open_database, log);
}

BatchResult LocalCalibrationDispatch::run(const ProposalBatch& /*batch*/, ReplicationRunner& runner,
                                          std::span<const Job> jobs, std::ostream& log,
                                          const ReplicationRunner::JudgeRun& judge) {
  return runner.run(jobs, true, log, judge);
}

BatchResult LocalCalibrationDispatch::serve(const MakeRunner& /*make_runner*/,
                                            std::ostream& /*log*/,
                                            const ReplicationRunner::JudgeRun& /*judge*/) {
  throw std::logic_error("a calibration in one process has no other rank to serve it");
}

}  // namespace policysim::runner
