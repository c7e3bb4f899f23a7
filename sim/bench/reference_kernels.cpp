#include "sim/bench/reference_kernels.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <utility>

namespace policysim::bench {
namespace {

// Results of the reference kernels land here, so that the compiler cannot drop them.
volatile double benchmark_sink = 0.0;

}  // namespace

double ReferenceTimings::triad_bytes_per_second() const {
  const double seconds = triad.median();
  return seconds > 0.0 ? 3.0 * 8.0 * static_cast<double>(triad_doubles) / seconds : 0.0;
}

ReferenceKernels::ReferenceKernels(Network network, std::size_t triad_doubles)
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

double ReferenceKernels::spmm_seconds(int calls) {
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

double ReferenceKernels::triad_seconds() {
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

void ReferenceKernels::keep_results() const { benchmark_sink = y_.sum() + a_[a_.size() / 2]; }

}  // namespace policysim::bench
